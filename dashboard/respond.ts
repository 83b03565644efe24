// Writing responses: the security headers every answer carries (a strict Content-Security-Policy: no script at
// all, styles and images only from the dashboard itself), HTML pages, files, redirects and errors.
import type { ServerResponse } from 'node:http';

/** No script, no inline style, nothing from elsewhere; forms only to the dashboard (the token form). */
export const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const securityHeaders: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** Sends a body with the security headers. HEAD gets the headers only. */
export function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}, head = false): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...securityHeaders, 'content-type': type, 'content-length': String(buf.length), ...extra });
  res.end(head ? undefined : buf);
}

export function sendHtml(res: ServerResponse, status: number, html: string, head = false, extra: Record<string, string> = {}): void {
  send(res, status, 'text/html; charset=utf-8', html, extra, head);
}

export function redirect(res: ServerResponse, location: string, cookie?: string): void {
  res.writeHead(303, { ...securityHeaders, location, 'content-length': '0', ...(cookie ? { 'set-cookie': cookie } : {}) });
  res.end();
}

// HTML escaping for the few string-built fragments left (server-drawn SVG); pages and reports use hono/jsx templates.
const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => map[c]);
}

/** A URL safe to put in href: only http(s); anything else becomes '#'. */
export function safeHref(url: string | null | undefined): string {
  if (!url) return '#';
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? esc(u.href) : '#';
  } catch {
    return '#';
  }
}

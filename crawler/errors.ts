// Maps the many shapes of network failure (Node, undici, our resolver) onto the artifact's FetchErrorCode.
import type { FetchErrorCode } from '../contract/fetch-error.ts';

/** Error code our lookup raises when every address of a host is a non-public one and that is not allowed. */
export const BLOCKED_CODE = 'EGOVAUDIT_BLOCKED';

const BY_CODE: Record<string, FetchErrorCode> = {
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  ECONNABORTED: 'reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  ENODATA: 'dns',
  EAI_FAIL: 'dns',
  [BLOCKED_CODE]: 'blocked-address',
  ERR_INVALID_URL: 'unsupported-scheme',
};

function codesOf(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 4) return [];
  const e = err as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
  const out: string[] = [];
  if (typeof e.code === 'string') out.push(e.code);
  if (e.name === 'TimeoutError') out.push('ETIMEDOUT');
  out.push(...codesOf(e.cause, depth + 1));
  if (Array.isArray(e.errors)) for (const inner of e.errors) out.push(...codesOf(inner, depth + 1));
  return out;
}

function isTlsCode(code: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL)/.test(code);
}

/** The FetchErrorCode and a one-line message for a thrown network error. */
export function classifyError(err: unknown): { code: FetchErrorCode; message: string } {
  const codes = codesOf(err);
  const message = describe(err);
  for (const c of codes) {
    if (BY_CODE[c]) return { code: BY_CODE[c], message };
    if (isTlsCode(c)) return { code: 'tls', message };
  }
  if (/certificate|ssl|tls/i.test(message)) return { code: 'tls', message };
  if (/other side closed|socket hang up/i.test(message)) return { code: 'reset', message };
  return { code: 'network', message };
}

function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return describe(err.errors[0]);
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    const text = err.message || err.name;
    return code && !text.includes(code) ? `${code}: ${text}` : text;
  }
  return String(err);
}

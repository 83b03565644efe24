// URL normalisation and classification: one spelling per resource, so the seen-set and link targets dedupe.
// Lower-case host, no default port, no fragment, dot segments resolved, session ids dropped; the query is kept
// as written (parameters are not sorted).

/** Path parameters and query keys that carry a session id, dropped by normalisation (case-insensitive). */
const SESSION_KEYS = new Set(['jsessionid', 'phpsessid', 'sid', 'sessionid', 'aspsessionid']);
const PATH_SESSION = /;(?:jsessionid|phpsessid|sid|sessionid)=[^/?#;]*/gi;

/** Schemes that are never fetched nor reported (they do not name a resource to check). */
export const IGNORED_SCHEMES = new Set(['javascript:', 'mailto:', 'tel:', 'data:', 'sms:', 'about:', 'blob:']);

/**
 * Normalises an absolute URL, or `href` resolved against `base`. Returns null when it cannot be parsed.
 * Non-http(s) URLs are returned as the parser spells them (fragment dropped).
 */
export function normalizeUrl(href: string, base?: string): string | null {
  let u: URL;
  try {
    u = base === undefined ? new URL(href) : new URL(href, base);
  } catch {
    return null;
  }
  u.hash = '';
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return u.href;
  if (u.hostname.endsWith('.')) u.hostname = u.hostname.replace(/\.+$/, '');
  if (u.pathname.includes(';')) u.pathname = u.pathname.replace(PATH_SESSION, '');
  if (u.search) u.search = stripSessionParams(u.search.slice(1));
  let out = u.href;
  if (out.endsWith('?')) out = out.slice(0, -1);
  return out;
}

function stripSessionParams(query: string): string {
  const kept = query.split('&').filter((pair) => {
    if (pair === '') return false;
    const key = pair.split('=')[0];
    let name = key;
    try {
      name = decodeURIComponent(key);
    } catch {
      // keep the raw key
    }
    return !SESSION_KEYS.has(name.toLowerCase()) && !/^aspsessionid/i.test(name);
  });
  return kept.length ? `?${kept.join('&')}` : '';
}

/** The lower-case scheme with its colon (`http:`), or null when `href` has none. */
export function schemeOf(href: string): string | null {
  const m = /^\s*([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(href);
  return m ? `${m[1].toLowerCase()}:` : null;
}

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** Host name without port, lower-case, IPv6 without brackets; null for a URL that does not parse. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
}

export function originOf(url: string): string | null {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
}

const DOCUMENT_EXT = new Set([
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'wps', 'et', 'dps', 'ofd', 'txt', 'rtf', 'csv', 'xml',
  'zip', 'rar', '7z', 'gz', 'tar', 'bz2', 'exe', 'apk', 'dmg', 'iso',
  'jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp', 'svg', 'ico', 'tif', 'tiff',
  'mp3', 'mp4', 'avi', 'wmv', 'flv', 'mov', 'wav', 'm4a', 'mkv', 'webm', 'swf',
  'css', 'js', 'json', 'woff', 'woff2', 'ttf', 'eot',
]);

/** The URL's path ends in an extension of a file that is not a web page (document, image, archive, media). */
export function looksLikeFile(url: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  const m = /\.([a-z0-9]{1,5})$/i.exec(path);
  return m ? DOCUMENT_EXT.has(m[1].toLowerCase()) : false;
}

// Finds the identity marks a government page must carry (政府网站发展指引) in its visible text and links:
// 网站标识码, ICP备案编号, 公网安备号, the party-government badge, the 我为政府网站找错 entrance, 主办单位, 联系方式.
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import type { Mark } from '../identity.strings.ts';
import { toHalfWidth } from '../../util/width.ts';

/** What was seen of one mark on one page. */
export interface MarkResult {
  present: boolean;
  /** The value shown (site code, ICP or police number) or carried (the entrance's site code). */
  value?: string;
  /** Present in some form but wrong: `code-mismatch` (site code differs from config), `no-code` (entrance link without one). */
  problem?: 'code-mismatch' | 'no-code';
}

export type PageMarks = Record<Mark, MarkResult>;

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const SITE_CODE_RE = /网站标识码\s{0,3}[:：]?\s{0,3}([0-9A-Za-z]{10})(?![0-9A-Za-z])/g;
const ICP_RE = new RegExp(`[${PROVINCES}]\\s{0,2}ICP\\s{0,2}[备証证]\\s{0,2}\\d{6,10}\\s{0,2}号(?:\\s{0,2}-\\s{0,2}\\d{1,3})?`, 'i');
const POLICE_RE = new RegExp(`[${PROVINCES}]\\s{0,2}公网安备\\s{0,3}\\d{10,16}\\s{0,2}号`);
const SPONSOR_RE = /主办(?:单位|机关)?\s{0,2}[:：]\s{0,3}\S/;
const CONTACT_RE = /(?:联系电话|联系方式|咨询电话|办公电话|电话|传真|Tel|TEL|电子邮箱|邮箱|E-?mail)\s{0,2}[:：]\s{0,3}[\d(（+A-Za-z]/;
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;
const PARTY_HOSTS = new Set(['bszs.conac.cn', 'dcs.conac.cn']);
const ENTRANCE_HOST = 'zfwzzc.www.gov.cn';

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function siteCodeParam(url: string): string | null {
  try {
    for (const [k, v] of new URL(url).searchParams) if (k.toLowerCase() === 'sitecode' && v.trim()) return v.trim();
  } catch {
    return null;
  }
  return null;
}

/** Reads every mark of one page. `siteCode` (config) makes a different code count as missing. */
export function findMarks(page: Pick<PageArtifact, 'text' | 'links' | 'html'>, siteCode?: string): PageMarks {
  const text = toHalfWidth(page.text ?? '');
  const links = page.links ?? [];
  return {
    'site-code': siteCodeMark(text, siteCode),
    icp: matchMark(ICP_RE, text),
    'police-record': matchMark(POLICE_RE, text),
    'party-mark': { present: links.some((l) => PARTY_HOSTS.has(hostOf(l.url) ?? '')) },
    'error-report-entrance': entranceMark(page, siteCode),
    sponsor: { present: SPONSOR_RE.test(text) },
    contact: {
      present:
        CONTACT_RE.test(text) ||
        EMAIL_RE.test(text) ||
        links.some((l) => /^(mailto|tel):/i.test(l.url) || (l.tag === 'a' && /联系我们/.test(l.text ?? ''))),
    },
  };
}

function matchMark(re: RegExp, text: string): MarkResult {
  const m = re.exec(text);
  return m ? { present: true, value: m[0].replace(/\s+/g, ' ') } : { present: false };
}

function siteCodeMark(text: string, siteCode: string | undefined): MarkResult {
  const codes = [...text.matchAll(SITE_CODE_RE)].map((m) => m[1]);
  if (codes.length === 0) return { present: false };
  if (!siteCode) return { present: true, value: codes[0] };
  const right = codes.find((c) => c.toLowerCase() === siteCode.toLowerCase());
  return right ? { present: true, value: right } : { present: false, value: codes[0], problem: 'code-mismatch' };
}

/**
 * The entrance is a link to zfwzzc.www.gov.cn with a `sitecode` parameter, or the platform's script with a
 * `sitecode` attribute in the HTML. With `siteCode` configured the code carried must be the site's.
 */
function entranceMark(page: Pick<PageArtifact, 'links' | 'html'>, siteCode: string | undefined): MarkResult {
  const entrances = (page.links ?? []).filter((l) => hostOf(l.url) === ENTRANCE_HOST);
  if (entrances.length === 0) return { present: false };
  const codes = entrances.map((l) => siteCodeParam(l.url)).filter((c): c is string => c !== null);
  if (typeof page.html === 'string' && entrances.some((l) => l.tag === 'script')) {
    for (const m of page.html.matchAll(/\bsitecode\s*=\s*["']?([0-9A-Za-z]{6,20})/gi)) codes.push(m[1]);
  }
  if (codes.length === 0) return { present: false, problem: 'no-code' };
  if (!siteCode) return { present: true, value: codes[0] };
  const right = codes.find((c) => c.toLowerCase() === siteCode.toLowerCase());
  return right ? { present: true, value: right } : { present: false, value: codes[0], problem: 'code-mismatch' };
}

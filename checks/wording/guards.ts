// What keeps a look-alike from being reported: the window sits in a URL or a file name, in a quotation that
// discusses the wrong form (“布署”应为“部署”), inside a name or phrase of the district's allow list; a dated form
// (an outdated post or name) stands after 原/时任/前, inside a document title 《…》, or in a sentence about an
// earlier year.

const SENTENCE_END = /[。！？!?；;\n]/;
const QUOTE_OPEN = '“「『‘【"\'';
const QUOTE_CLOSE = '”」』’】"\'';
const DISCUSSION = ['误写', '错写', '写成', '误作', '误为', '应为', '应当为', '改为', '更正', '勘误', '错别字', '纠正', '而非', '不是', '不要写', '别写', '易错', '错误写法', '正确写法'];
const FILE_EXT = /^[^\s，。；：！？、“”「」<>|]{0,80}?\.(?:docx?|xlsx?|pptx?|pdf|wps|et|ofd|zip|rar|7z|txt|jpe?g|png|gif|bmp|tiff?)(?![A-Za-z0-9])/i;

/** The sentence around [start, end): from the previous sentence end to the next, at most `max` characters each side. */
export function sentenceAround(text: string, start: number, end: number, max = 60): { from: number; to: number } {
  let from = start;
  while (from > 0 && start - from < max && !SENTENCE_END.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && to - end < max && !SENTENCE_END.test(text[to])) to++;
  if (to < text.length && SENTENCE_END.test(text[to]) && text[to] !== '\n') to++;
  return { from, to };
}

/** The whitespace-free token holding [start, end). */
function tokenAround(text: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && !/\s/.test(text[a - 1]) && start - a < 300) a--;
  let b = end;
  while (b < text.length && !/\s/.test(text[b]) && b - end < 300) b++;
  return text.slice(a, b);
}

/** Inside a URL (`http://…`, `www.…`) or a file name (`…布署方案.docx`)? */
export function inUrlOrFileName(text: string, start: number, end: number): boolean {
  const token = tokenAround(text, start, end);
  if (/(?:https?|ftp):\/\/|(?:^|[^A-Za-z0-9])www\.|\.(?:gov|com|net|org)\.cn\b/i.test(token)) return true;
  return FILE_EXT.test(text.slice(end, end + 90));
}

/** In quotation marks in a sentence that says it is the wrong form (or gives the right one beside it)? */
export function discussesWrongForm(text: string, start: number, end: number, correct: string): boolean {
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  if (!QUOTE_OPEN.includes(before) || !QUOTE_CLOSE.includes(after) || !before || !after) return false;
  const { from, to } = sentenceAround(text, start, end, 80);
  const sentence = text.slice(from, to);
  return sentence.replace(text.slice(start, end), '').includes(correct) || DISCUSSION.some((w) => sentence.includes(w));
}

/** Inside an occurrence of an allow-listed name or phrase? */
export function allowListed(text: string, start: number, end: number, allow: readonly string[]): boolean {
  for (const a of allow) {
    let from = Math.max(0, end - a.length);
    for (;;) {
      const at = text.indexOf(a, from);
      if (at < 0 || at >= end) break;
      if (at < end && at + a.length > start) return true;
      from = at + 1;
    }
  }
  return false;
}

const HISTORIC_BEFORE = /(?:时任|原任?|前任?|曾任|历任|已故|首任|老)$/;
const YEAR = /(?<![0-9])((?:19|20)[0-9]{2})(?=\s?年|[〕﹞\]）)]|-[0-9])/g;

/**
 * Is a dated form (a post no longer held, a renamed institution) written about the past here? After 时任/原/前,
 * inside 《…》 (a document of that time), or in a sentence naming a year up to `lastYear`.
 */
export function speaksOfThePast(text: string, start: number, end: number, lastYear: number): boolean {
  if (HISTORIC_BEFORE.test(text.slice(Math.max(0, start - 3), start))) return true;
  const open = text.lastIndexOf('《', start);
  if (open >= 0 && open > text.lastIndexOf('》', start - 1) && text.indexOf('》', end) >= 0 && text.indexOf('》', end) - end < 80) return true;
  const { from, to } = sentenceAround(text, start, end, 120);
  for (const m of text.slice(from, to).matchAll(YEAR)) if (Number(m[1]) <= lastYear) return true;
  return false;
}

// Dates as Chinese government list pages print them: 2026-11-18, 2026/11/18, 2026.11.18, 2026年11月18日.
// A month-day alone ("[11-18]") is not a date: the year is unknown.

const DATE = /(?<!\d)((?:19|20)\d{2})\s*([-/.年])\s*(\d{1,2})\s*([-/.月])\s*(\d{1,2})(?!\d)\s*(日)?/g;

/** Every full date in `text`, as `YYYY-MM-DD`, in order of appearance. */
export function findDates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DATE)) {
    const [, y, sep1, mo, sep2, d] = m;
    if (sep1 === '年' ? sep2 !== '月' : sep1 !== sep2) continue;
    const iso = toIso(Number(y), Number(mo), Number(d));
    if (iso) out.push(iso);
  }
  return out;
}

/** `YYYY-MM-DD` when the parts form a real calendar date. */
export function toIso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > dim) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

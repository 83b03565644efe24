// A bulletin month (`YYYY-MM`): its bounds as instants in the district's time zone, its label, the month before.
import { startOfLocalDay } from '../../calendar/timezone.ts';

export interface BulletinMonth {
  /** `2026-11` */
  id: string;
  year: number;
  month: number;
  /** `2026年11月` */
  label: string;
  /** First instant of the month, local. */
  from: Date;
  /** First instant of the next month, local. */
  to: Date;
}

/** Parses `YYYY-MM`; throws a RangeError saying what is wrong. */
export function parseMonth(text: string, timeZone: string): BulletinMonth {
  const m = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not a month of the form YYYY-MM (e.g. 2026-11)`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || year < 2000 || year > 2999) throw new RangeError(`"${text}" is not a valid month`);
  return monthOf(year, month, timeZone);
}

/** The month before. */
export function previousMonth(m: BulletinMonth, timeZone: string): BulletinMonth {
  return m.month === 1 ? monthOf(m.year - 1, 12, timeZone) : monthOf(m.year, m.month - 1, timeZone);
}

function monthOf(year: number, month: number, timeZone: string): BulletinMonth {
  const pad = (n: number) => String(n).padStart(2, '0');
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    id: `${year}-${pad(month)}`,
    year,
    month,
    label: `${year}年${month}月`,
    from: startOfLocalDay(`${year}-${pad(month)}-01`, timeZone),
    to: startOfLocalDay(`${next.year}-${pad(next.month)}-01`, timeZone),
  };
}

/** `2026-12-03` → `2026年12月3日` */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

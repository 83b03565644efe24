import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CalendarNotCoveredError, createCalendar } from '../../calendar/workdays.ts';
import { addDays, isWeekend } from '../../calendar/dates.ts';
import { localDate as localDateIn } from '../../calendar/timezone.ts';

const TZ = 'Asia/Shanghai';
const cal = createCalendar();
const at = (iso: string) => new Date(iso);

describe('official 2026 schedule from chinese-days', () => {
  it('has exactly the State Council 2026 days off on weekdays and make-up working weekends', () => {
    const weekdaysOff: string[] = [];
    const weekendsOn: string[] = [];
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      const work = cal.isWorkday(d);
      if (!work && !isWeekend(d)) weekdaysOff.push(d);
      if (work && isWeekend(d)) weekendsOn.push(d);
    }
    expect(weekendsOn).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(weekdaysOff).toEqual([
      '2026-01-01', '2026-01-02',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23',
      '2026-04-06',
      '2026-05-01', '2026-05-04', '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07',
    ]);
  });

  it('covers 2004 through 2026 and nothing later', () => {
    expect(cal.coveredYears).toEqual({ from: 2004, to: 2026 });
    expect(cal.covers('2026-12-31')).toBe(true);
    expect(cal.covers('2027-01-01')).toBe(false);
  });
});

describe('deadlines (counting starts the day after, 民法典 §201)', () => {
  it('skips the whole National Day week 2026 for a report forwarded the day before', () => {
    const d = cal.deadline(at('2026-09-30T10:00:00+08:00'), 2, TZ);
    expect(d.toISOString()).toBe(at('2026-10-09T23:59:59.999+08:00').toISOString());
    expect(cal.deadline(at('2026-09-29T18:30:00+08:00'), 2, TZ)).toEqual(at('2026-10-08T23:59:59.999+08:00'));
  });

  it('counts the make-up Saturday after National Day as a working day', () => {
    expect(cal.deadline(at('2026-10-09T09:00:00+08:00'), 2, TZ)).toEqual(at('2026-10-12T23:59:59.999+08:00'));
    expect(cal.deadline(at('2026-10-09T09:00:00+08:00'), 1, TZ)).toEqual(at('2026-10-10T23:59:59.999+08:00'));
  });

  it('counts the make-up Sunday 09-20 and the Saturday before Spring Festival', () => {
    expect(cal.addWorkdays('2026-09-18', 1)).toBe('2026-09-20');
    expect(cal.addWorkdays('2026-09-18', 2)).toBe('2026-09-21');
    expect(cal.addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkdays('2026-02-13', 2)).toBe('2026-02-24');
  });

  it('skips Mid-Autumn 2026 (Friday 09-25 and the weekend)', () => {
    expect(cal.deadline(at('2026-09-24T16:00:00+08:00'), 2, TZ)).toEqual(at('2026-09-29T23:59:59.999+08:00'));
  });

  it('treats an answer at 23:00 on the deadline day as on time and one at midnight as late', () => {
    const forwarded = at('2026-10-09T09:00:00+08:00');
    const deadline = cal.deadline(forwarded, 2, TZ);
    const lateEvening = at('2026-10-12T23:00:00+08:00');
    const midnight = at('2026-10-13T00:00:00+08:00');
    expect(lateEvening <= deadline).toBe(true);
    expect(midnight <= deadline).toBe(false);
    expect(cal.workdaysBetween(forwarded, lateEvening, TZ)).toBe(2);
    expect(cal.workdaysBetween(forwarded, midnight, TZ)).toBe(3);
  });

  it('uses the local date of the forwarding time, not the UTC date', () => {
    // 2026-09-30T17:00Z is 01:00 on 10-01 in Shanghai: counting starts after 10-01.
    expect(cal.deadline(at('2026-09-30T17:00:00Z'), 1, TZ)).toEqual(at('2026-10-08T23:59:59.999+08:00'));
    expect(cal.deadline(at('2026-09-30T17:00:00Z'), 1, 'UTC')).toEqual(at('2026-10-08T23:59:59.999Z'));
  });

  it('counts working days taken, zero on the same day, negative backwards', () => {
    expect(cal.workdaysBetween(at('2026-09-30T09:00:00+08:00'), at('2026-09-30T20:00:00+08:00'), TZ)).toBe(0);
    expect(cal.workdaysBetween(at('2026-09-30T09:00:00+08:00'), at('2026-10-08T09:00:00+08:00'), TZ)).toBe(1);
    expect(cal.workdaysBetween(at('2026-10-08T09:00:00+08:00'), at('2026-09-30T09:00:00+08:00'), TZ)).toBe(-1);
  });

  it('returns the date itself for 0 working days and rejects negative or fractional counts', () => {
    expect(cal.addWorkdays('2026-10-03', 0)).toBe('2026-10-03');
    expect(() => cal.addWorkdays('2026-10-03', -1)).toThrow(RangeError);
    expect(() => cal.deadline(at('2026-10-03T00:00:00Z'), 1.5, TZ)).toThrow(RangeError);
    expect(() => cal.isWorkday('2026-02-30')).toThrow(RangeError);
  });
});

describe('years beyond the package data', () => {
  it('throws CalendarNotCoveredError for 2027 instead of guessing Mon–Fri', () => {
    expect(() => cal.isWorkday('2027-01-04')).toThrow(CalendarNotCoveredError);
    expect(() => cal.addWorkdays('2026-12-30', 2)).toThrow(CalendarNotCoveredError);
    expect(() => cal.deadline(at('2026-12-31T10:00:00+08:00'), 2, TZ)).toThrow(/does not cover 2027/);
    expect(cal.addWorkdays('2026-12-30', 1)).toBe('2026-12-31');
  });

  it('covers 2027 once the config lists that year’s notice, config winning over weekdays', () => {
    // Made-up schedule for the test: 01-01 (Fri) off, Spring Festival 02-08..02-12 off, Sunday 02-07 worked.
    const with2027 = createCalendar({
      holidays: ['2027-01-01', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
      workdays: ['2027-02-07'],
    });
    expect(with2027.covers('2027-06-01')).toBe(true);
    expect(with2027.coveredYears).toEqual({ from: 2004, to: 2027 });
    expect(with2027.isWorkday('2027-01-01')).toBe(false);
    expect(with2027.isWorkday('2027-01-04')).toBe(true);
    expect(with2027.isWorkday('2027-02-07')).toBe(true);
    expect(with2027.addWorkdays('2026-12-31', 1)).toBe('2027-01-04');
    expect(with2027.addWorkdays('2027-02-05', 2)).toBe('2027-02-15');
    expect(with2027.covers('2028-01-03')).toBe(false);
  });

  it('rejects additions that are not real dates or are listed both ways', () => {
    expect(() => createCalendar({ holidays: ['2027-02-30'] })).toThrow(/calendar\.holidays\.0/);
    expect(() => createCalendar({ holidays: ['2027-10-01'], workdays: ['2027-10-01'] })).toThrow(/also listed in holidays/);
  });
});

describe('deadline and workdaysBetween agree', () => {
  it('an answer at the deadline took exactly the allowed working days, one a millisecond later is late', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2004-01-02T00:00:00Z'), max: new Date('2026-11-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 15 }),
        fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York'),
        (from, n, zone) => {
          const due = cal.deadline(from, n, zone);
          expect(due.getTime()).toBeGreaterThan(from.getTime());
          expect(cal.workdaysBetween(from, due, zone)).toBe(n);
          if (n > 0) expect(cal.isWorkday(localDateIn(due, zone))).toBe(true);
          expect(localDateIn(new Date(due.getTime() + 1), zone)).not.toBe(localDateIn(due, zone));
        },
      ),
      { numRuns: 200, seed: 20260930 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  endOfLocalDay,
  localDate,
  parseLocalDateTime,
  startOfLocalDay,
  toOffsetIso,
} from '../../calendar/timezone.ts';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';

describe('local dates', () => {
  it('gives the local date of an instant in the zone', () => {
    const instant = new Date('2026-09-30T17:00:00Z');
    expect(localDate(instant, SH)).toBe('2026-10-01');
    expect(localDate(instant, 'UTC')).toBe('2026-09-30');
    expect(localDate(instant, NY)).toBe('2026-09-30');
  });

  it('bounds a local day, 23 hours on the spring-forward day', () => {
    expect(startOfLocalDay('2026-10-01', SH).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(endOfLocalDay('2026-10-01', SH).toISOString()).toBe('2026-10-01T15:59:59.999Z');
    const span = endOfLocalDay('2026-03-08', NY).getTime() - startOfLocalDay('2026-03-08', NY).getTime();
    expect(span).toBe(23 * 3_600_000 - 1);
  });

  it('rejects an unknown zone', () => {
    expect(() => localDate(new Date(0), 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
});

describe('parseLocalDateTime', () => {
  it('reads the export formats as Shanghai local time', () => {
    const expected = '2026-09-03T01:05:00.000Z';
    for (const text of ['2026-09-03 09:05:00', '2026-09-03 09:05', '2026/09/03 09:05:00', '2026/9/3 9:05', ' 2026-09-03T09:05:00 ']) {
      expect(parseLocalDateTime(text, SH).toISOString(), text).toBe(expected);
    }
  });

  it('lets an explicit offset win over the zone', () => {
    expect(parseLocalDateTime('2026-09-03T09:05:00+08:00', 'UTC').toISOString()).toBe('2026-09-03T01:05:00.000Z');
    expect(parseLocalDateTime('2026-09-03 01:05:00Z', SH).toISOString()).toBe('2026-09-03T01:05:00.000Z');
  });

  it('resolves DST gaps forward and overlaps to the earlier instant', () => {
    expect(parseLocalDateTime('2026-03-08 02:30:00', NY).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(parseLocalDateTime('2026-11-01 01:30:00', NY).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('rejects impossible dates, times and other formats with a RangeError', () => {
    for (const text of ['2026-02-30 10:00:00', '2026-09-30 24:00:00', '2026-09-30 10:60', '2026-09-30', '30/09/2026 10:00', '2026-09/30 10:00', '', 'abc']) {
      expect(() => parseLocalDateTime(text, SH), text).toThrow(RangeError);
    }
  });
});

describe('toOffsetIso', () => {
  it('writes local time with the zone offset', () => {
    const instant = new Date('2026-09-30T09:05:00Z');
    expect(toOffsetIso(instant, SH)).toBe('2026-09-30T17:05:00+08:00');
    expect(toOffsetIso(instant, 'UTC')).toBe('2026-09-30T09:05:00+00:00');
    expect(toOffsetIso(instant, NY)).toBe('2026-09-30T05:05:00-04:00');
    expect(toOffsetIso(new Date('2026-09-30T09:05:00.250Z'), SH)).toBe('2026-09-30T17:05:00.250+08:00');
    expect(new Date(toOffsetIso(instant, NY)).getTime()).toBe(instant.getTime());
  });
});

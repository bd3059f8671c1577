import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatDate, isoDate, parseDateValue, resolveClock, zonedParts } from '../../src/shared/dates.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const LONDON = 'Europe/London';

function parsed(value: unknown, zone = LONDON): string {
  const result = parseDateValue(value, zone);
  if (!result.ok) throw new Error(result.message);
  return result.date.toISOString();
}

function refused(value: unknown): string {
  const result = parseDateValue(value, LONDON);
  if (result.ok) throw new Error(`accepted ${String(value)}`);
  return result.message;
}

describe('parseDateValue', () => {
  it('reads a bare date as midnight in the site zone, winter and summer', () => {
    expect(parsed('2024-01-15')).toBe('2024-01-15T00:00:00.000Z');
    expect(parsed('2024-07-09')).toBe('2024-07-08T23:00:00.000Z');
    expect(parsed('2024-07-09', 'America/New_York')).toBe('2024-07-09T04:00:00.000Z');
  });

  it('reads date-times without an offset in the site zone, across the BST change', () => {
    expect(parsed('2024-03-31 00:30')).toBe('2024-03-31T00:30:00.000Z');
    expect(parsed('2024-03-31 02:30')).toBe('2024-03-31T01:30:00.000Z');
    expect(parsed('2024-07-09T10:00:00')).toBe('2024-07-09T09:00:00.000Z');
    expect(parsed('2024-07-09 10:00:30')).toBe('2024-07-09T09:00:30.000Z');
  });

  it('honours offsets and Z', () => {
    expect(parsed('2024-07-09T10:00:00+02:00')).toBe('2024-07-09T08:00:00.000Z');
    expect(parsed('2024-07-09 10:00 -05:00')).toBe('2024-07-09T15:00:00.000Z');
    expect(parsed('2024-07-09T10:00:00Z')).toBe('2024-07-09T10:00:00.000Z');
  });

  it('takes a Date as the instant it is', () => {
    expect(parsed(new Date('2024-07-09T10:00:00Z'))).toBe('2024-07-09T10:00:00.000Z');
  });

  it('refuses impossible and absurd dates with a reason', () => {
    expect(refused('2023-02-29')).toMatch(/February 2023 has 28 days/);
    expect(parsed('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
    expect(refused('2024-13-01')).toMatch(/no month 13/);
    expect(refused('2024-04-31')).toMatch(/April 2024 has 30 days/);
    expect(refused('0000-01-01')).toMatch(/year 0 is out of range/);
    expect(refused('0999-12-31')).toMatch(/year 999 is out of range/);
    expect(refused('99999-01-01')).toMatch(/year 99999 is out of range/);
    expect(refused('+099999-01-01')).toMatch(/out of range/);
    expect(refused('2024-07-09 25:00')).toMatch(/not a real date/);
    expect(refused('yesterday')).toMatch(/not a date/);
    expect(refused(20240709)).toMatch(/expected a date/);
    expect(refused(['2024-01-01'])).toMatch(/a list/);
    expect(refused(new Date(Number.NaN))).toMatch(/not a valid date/);
  });

  it('round-trips any wall-clock time in any zone (property)', () => {
    const zones = fc.constantFrom(LONDON, 'UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham');
    const wallClock = fc.record({
      year: fc.integer({ min: 1000, max: 9999 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
    });
    fc.assert(
      fc.property(zones, wallClock, (zone, time) => {
        const text = DateTime.fromObject(time).toFormat('yyyy-MM-dd HH:mm');
        const result = parseDateValue(text, zone);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const expected = DateTime.fromObject(time, { zone });
        expect(result.date.getTime()).toBe(expected.toMillis());
        // Wall-clock times that exist (not skipped by a DST jump) read back unchanged.
        if (expected.hour === time.hour && expected.minute === time.minute) {
          const parts = zonedParts(result.date, zone);
          expect(parts).toEqual(time);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('reads a UTC date-time (`2024-07-09T10:00:00Z`) as the instant Luxon reads, and refuses what Luxon refuses (property)', () => {
    const pad = (value: number, width: number): string => String(value).padStart(width, '0');
    const parts = fc.record({
      year: fc.integer({ min: 1000, max: 9999 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 60 }),
      second: fc.integer({ min: 0, max: 60 }),
    });
    fc.assert(
      fc.property(parts, fc.constantFrom(LONDON, 'UTC', 'Pacific/Chatham'), (time, zone) => {
        const text = `${pad(time.year, 4)}-${pad(time.month, 2)}-${pad(time.day, 2)}T${pad(time.hour, 2)}:${pad(time.minute, 2)}:${pad(time.second, 2)}Z`;
        const result = parseDateValue(text, zone);
        const luxon = DateTime.fromISO(text, { setZone: true });
        expect(result.ok).toBe(luxon.isValid);
        if (result.ok) expect(result.date.getTime()).toBe(luxon.toMillis());
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on any input (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything(), fc.date()), (value) => {
        const result = parseDateValue(value, LONDON);
        expect(typeof result.ok).toBe('boolean');
        if (result.ok) expect(result.date.getUTCFullYear()).toBeGreaterThanOrEqual(999);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('resolveClock', () => {
  it('prefers config, then the environment, then the real clock', () => {
    expect(resolveClock('2026-01-01T09:00:00Z', '2020-01-01T00:00:00Z').value.toISOString()).toBe('2026-01-01T09:00:00.000Z');
    expect(resolveClock(undefined, '2020-01-01T00:00:00Z').value.toISOString()).toBe('2020-01-01T00:00:00.000Z');
    const before = Date.now();
    const now = resolveClock(undefined, undefined).value.getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('reports an invalid clock as an error', () => {
    const { problems } = resolveClock('tomorrow', undefined);
    expect(problems).toMatchObject([{ severity: 'error', code: 'clock/invalid', message: expect.stringMatching(/"tomorrow"/) }]);
  });
});

describe('formatDate', () => {
  const options = { timezone: LONDON, language: 'en-GB' };
  const date = new Date('2019-12-09T10:30:00Z');

  it('formats in the site zone and language', () => {
    expect(formatDate(date, 'cccc, d LLLL yyyy', options)).toBe('Monday, 9 December 2019');
    expect(formatDate(new Date('2024-07-08T23:30:00Z'), 'd LLLL yyyy HH:mm', options)).toBe('9 July 2024 00:30');
    expect(formatDate(date, 'cccc d LLLL', { timezone: LONDON, language: 'cy' })).toBe('Dydd Llun 9 Rhagfyr');
  });

  it('supports `do` for the English ordinal day, as WordPress writes dates', () => {
    expect(formatDate(date, 'cccc, LLLL do, yyyy', options)).toBe('Monday, December 9th, 2019');
    expect(formatDate(date, "'do' do", options)).toBe('do 9th');
  });

  it('gives every day of a month the right ordinal suffix', () => {
    const suffixes = Array.from({ length: 31 }, (_, index) => formatDate(new Date(Date.UTC(2024, 0, index + 1, 12)), 'do', options));
    expect(suffixes.slice(0, 4)).toEqual(['1st', '2nd', '3rd', '4th']);
    expect(suffixes.slice(10, 13)).toEqual(['11th', '12th', '13th']);
    expect(suffixes.slice(20, 24)).toEqual(['21st', '22nd', '23rd', '24th']);
    expect(suffixes[30]).toBe('31st');
  });

  it('isoDate gives UTC ISO or empty', () => {
    expect(isoDate(date)).toBe('2019-12-09T10:30:00.000Z');
    expect(isoDate(undefined)).toBe('');
  });
});

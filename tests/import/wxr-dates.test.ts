// Dates of a WordPress export read in the site's time zone: the check of post_date against post_date_gmt
// that puts "the old site ran at UTC+03:00" in the report.
import { describe, expect, it } from 'vitest';
import { zoneMismatch } from '../../src/import/wxr-dates.js';

describe('zoneMismatch', () => {
  it('accepts London dates in summer and winter time', () => {
    expect(zoneMismatch('2019-05-12 09:30:00', '2019-05-12 08:30:00', 'Europe/London')).toBeUndefined();
    expect(zoneMismatch('2020-01-03 14:00:00', '2020-01-03 14:00:00', 'Europe/London')).toBeUndefined();
  });

  it('accepts both instants of the hour repeated when the clocks go back', () => {
    expect(zoneMismatch('2022-10-30 01:00:00', '2022-10-30 00:00:00', 'Europe/London')).toBeUndefined();
    expect(zoneMismatch('2022-10-30 01:00:00', '2022-10-30 01:00:00', 'Europe/London')).toBeUndefined();
  });

  it('names the offset the old site really used, and says nothing when there is no GMT date (drafts)', () => {
    expect(zoneMismatch('2021-10-22 10:00:00', '2021-10-22 07:00:00', 'Europe/London')).toBe('UTC+03:00');
    expect(zoneMismatch('2021-01-22 10:00:00', '2021-01-22 15:30:00', 'Europe/London')).toBe('UTC-05:30');
    expect(zoneMismatch('2025-11-02 08:15:00', '0000-00-00 00:00:00', 'Europe/London')).toBeUndefined();
  });
});

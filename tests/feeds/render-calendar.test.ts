// iCalendar checked the way RFC 5545 reads it: CRLF lines of at most 75 octets, folded lines
// unfolded, TEXT values unescaped.
import { describe, expect, it, vi } from 'vitest';
import { renderCalendar } from '../../src/feeds/render-calendar.js';
import { makeSite } from '../support/make-site.js';

interface Component {
  readonly [name: string]: string;
}

/** Unfold (§3.1) at the byte level and split into VEVENTs of name → unescaped value (§3.3.11). */
function parseEvents(ics: string): Component[] {
  const unfolded = Buffer.from(ics, 'utf8')
    .toString('utf8')
    .replace(/\r\n[ \t]/g, '');
  const events: Record<string, string>[] = [];
  for (const line of unfolded.split('\r\n')) {
    if (line === 'BEGIN:VEVENT') events.push({});
    const colon = line.indexOf(':');
    const current = events.at(-1);
    if (!current || colon < 0 || line.startsWith('BEGIN:')) continue;
    current[line.slice(0, colon).split(';')[0] ?? ''] = line.slice(colon + 1).replace(/\\([\\;,nN])/g, (_match, char: string) => (char.toLowerCase() === 'n' ? '\n' : char));
  }
  return events;
}

function expectWellFormed(ics: string): void {
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const line of Buffer.from(ics, 'utf8').toString('latin1').split('\r\n')) {
    const bytes = Buffer.from(line, 'latin1');
    expect(bytes.length, line).toBeLessThanOrEqual(75);
    // A fold must never cut a UTF-8 sequence in two.
    expect(() => decoder.decode(bytes), line).not.toThrow();
  }
}

describe('renderCalendar', () => {
  const site = makeSite();

  it('writes every event with a stable UID, UTC times and DTSTAMP from the build clock', () => {
    const ics = renderCalendar(site.events.all, site, 'Events');
    expectWellFormed(ics);
    const events = parseEvents(ics);
    expect(events.map((event) => event.SUMMARY)).toEqual(['Spring briefing', 'Regional conference', 'Foster carer evening']);
    const conference = events[1];
    expect(conference?.UID).toBe('https://blog.example.org/events/regional-conference/');
    expect(conference?.DTSTART).toBe('20240612T080000Z');
    expect(conference?.DTEND).toBe('20240612T160000Z');
    expect(conference?.DTSTAMP).toBe('20240515T120000Z');
    expect(conference?.LOCATION).toBe('Leeds Town Hall, Leeds');
    expect(ics).toContain('LOCATION:Leeds Town Hall\\, Leeds\r\n');
    expect(conference?.URL).toBe('https://blog.example.org/events/regional-conference/');
  });

  it('escapes commas, semicolons, backslashes and newlines, and folds long astral text', () => {
    const long = `${'Corporate parenting; panel, part\\two\n'.repeat(3)}${'😀é'.repeat(40)}`;
    const hostile = makeSite({ events: [{ title: long, start: '2024-06-01T09:00:00Z', location: 'Room 1,\r\nFloor 2; "A"' }] });
    const ics = renderCalendar(hostile.events.all, hostile, 'Events');
    expectWellFormed(ics);
    const [event] = parseEvents(ics);
    expect(event?.SUMMARY).toBe(long);
    expect(event?.LOCATION).toBe('Room 1,\nFloor 2; "A"');
    expect(ics).toContain('\\;');
    expect(ics).toContain('\\,');
  });

  it('gives the same bytes whatever the real clock says', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
      const first = renderCalendar(site.events.all, site, 'Events');
      vi.setSystemTime(new Date('2031-07-15T13:14:15Z'));
      expect(renderCalendar(site.events.all, site, 'Events')).toBe(first);
    } finally {
      vi.useRealTimers();
    }
  });
});

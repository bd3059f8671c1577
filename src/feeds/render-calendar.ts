/** iCalendar (RFC 5545) for all events and for each event, via ical-generator (escaping and line folding). */
import ical from 'ical-generator';
import type { Event, Site } from '../model/types.js';
import { stripInvalidXmlChars } from './escape-xml.js';

/** Control characters have no place in a calendar either; newlines are kept (the library escapes them). */
const clean = (text: string | undefined): string | undefined => (text === undefined ? undefined : stripInvalidXmlChars(text).replace(/\r\n?/g, '\n'));

/**
 * An iCalendar file with one VEVENT per event. UIDs are the events' absolute URLs and DTSTAMP is the
 * build clock, so the same site gives the same bytes. An event without an end is given one hour.
 *
 * @example
 * renderCalendar(site.events.all, site, 'Events'); // 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…'
 */
export function renderCalendar(events: readonly Event[], site: Pick<Site, 'now'>, name: string): string {
  const calendar = ical({ prodId: { company: 'sectorpress', product: 'sectorpress', language: 'EN' }, name: clean(name) ?? '' });
  for (const event of events) {
    calendar.createEvent({
      id: event.absoluteUrl,
      start: event.start,
      end: event.end ?? new Date(event.start.getTime() + 60 * 60 * 1000),
      stamp: site.now,
      summary: clean(event.title) ?? '',
      description: clean(event.excerpt),
      location: clean(event.location),
      url: event.absoluteUrl,
    });
  }
  return calendar.toString();
}

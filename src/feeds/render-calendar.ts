/** iCalendar (RFC 5545) for all events and for each event, via ical-generator (escaping and line folding). */
import ical from 'ical-generator';
import type { Event, Site } from '../model/types.js';
import { stripInvalidXmlChars } from './escape-xml.js';

/** Control characters have no place in a calendar either; newlines are kept (the library escapes them). */
const clean = (text: string | undefined): string | undefined => (text === undefined ? undefined : stripInvalidXmlChars(text));

export function renderCalendar(events: readonly Event[], site: Site, name: string): string {
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

/** Events: URLs, upcoming/past relative to the clock, the next upcoming event. */
import type { Config } from '../config/types.js';
import type { EventEntry } from '../content/types.js';
import type { RenderedMarkdown } from '../markdown/types.js';
import type { Event } from './types.js';

export interface EventLists {
  readonly upcoming: readonly Event[];
  readonly past: readonly Event[];
  readonly all: readonly Event[];
}

/** An event is upcoming from before it starts until it ends (or until its start, when it has no end). */
export function createEvents(entries: readonly EventEntry[], rendered: ReadonlyMap<string, RenderedMarkdown>, config: Config, now: Date): EventLists {
  const all = entries.map((entry): Event => {
    const url = `/events/${encodeURIComponent(entry.slug)}/`;
    const body = rendered.get(entry.source.relativePath);
    return {
      kind: 'event',
      source: entry.source,
      title: entry.title,
      slug: entry.slug,
      start: entry.start,
      end: entry.end,
      location: entry.location,
      bookingUrl: entry.bookingUrl,
      summary: entry.summary,
      excerpt: entry.summary ?? body?.excerpt ?? '',
      html: body?.html ?? '',
      url,
      absoluteUrl: `${config.url}${url}`,
      icsUrl: `${url}event.ics`,
      upcoming: (entry.end ?? entry.start).getTime() >= now.getTime(),
    };
  });
  const byStart = (a: Event, b: Event): number => a.start.getTime() - b.start.getTime() || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
  all.sort(byStart);
  return {
    upcoming: all.filter((event) => event.upcoming),
    past: all.filter((event) => !event.upcoming).reverse(),
    all,
  };
}

/** Active content an import left out of posts (scripts, event handlers, `javascript:` links…), counted by kind for the report. */

type RemovedKind = 'script' | 'handler' | 'srcdoc' | 'url' | 'element';
export type RemovedContent = Record<RemovedKind, number>;

/** Each kind as the report names it (singular, plural). */
const NAMES: Record<RemovedKind, readonly [string, string]> = {
  script: ['<script> element', '<script> elements'],
  handler: ['event-handler attribute (onclick, onerror, …)', 'event-handler attributes (onclick, onerror, …)'],
  srcdoc: ['srcdoc attribute', 'srcdoc attributes'],
  url: ['link or source not http(s), mailto, tel or relative (javascript:, data:, …)', 'links or sources not http(s), mailto, tel or relative (javascript:, data:, …)'],
  element: ['other element that runs or loads content (style, svg, form, base, meta, …)', 'other elements that run or load content (style, svg, form, base, meta, …)'],
};

const KINDS = Object.keys(NAMES) as RemovedKind[];

export function noneRemoved(): RemovedContent {
  return { script: 0, handler: 0, srcdoc: 0, url: 0, element: 0 };
}

/** Adds `more` into `into`. */
export function addRemoved(into: RemovedContent, more: Readonly<RemovedContent>): void {
  for (const kind of KINDS) into[kind] += more[kind];
}

/** The report's count rows, `removed active content: <kind>`, for the kinds there were any of (none: no rows, so clean imports report as before). */
export function removedCountRows(removed: Readonly<RemovedContent>): Record<string, number> {
  return Object.fromEntries(KINDS.filter((kind) => removed[kind] > 0).map((kind) => [`removed active content: ${NAMES[kind][1]}`, removed[kind]]));
}

/** A post's report line, or undefined when nothing was removed: `had active content removed: 1 <script> element, 2 …`. */
export function removedSentence(removed: Readonly<RemovedContent>): string | undefined {
  const parts = KINDS.filter((kind) => removed[kind] > 0).map((kind) => `${removed[kind]} ${NAMES[kind][removed[kind] === 1 ? 0 : 1]}`);
  return parts.length ? `had active content removed (it could run script on the new site): ${parts.join(', ')}.` : undefined;
}

export const REMOVED_ACTION = 'Nothing, if the post reads right without it. A video or map that is missing can be linked to instead.';

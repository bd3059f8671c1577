/**
 * WordPress embeds (`[embed]URL[/embed]`, `[video]`, `[audio]`, and a URL alone on its line) become plain links:
 * the new site loads no third-party player scripts, and a link works everywhere.
 */

import { delimitedSpans, forwardSearch } from './forward-search.js';

/** Hosts WordPress embeds, with the words a link to them should say. */
const PROVIDERS: readonly { host: RegExp; label: string }[] = [
  { host: /(^|\.)(youtube\.com|youtu\.be|youtube-nocookie\.com)$/, label: 'Video on YouTube' },
  { host: /(^|\.)vimeo\.com$/, label: 'Video on Vimeo' },
  { host: /(^|\.)dailymotion\.com$/, label: 'Video on Dailymotion' },
  { host: /(^|\.)ted\.com$/, label: 'Talk on TED' },
  { host: /(^|\.)(twitter\.com|x\.com)$/, label: 'Post on X (Twitter)' },
  { host: /(^|\.)soundcloud\.com$/, label: 'Audio on SoundCloud' },
  { host: /(^|\.)spotify\.com$/, label: 'Audio on Spotify' },
  { host: /(^|\.)flickr\.com$|^flic\.kr$/, label: 'Photo on Flickr' },
  { host: /(^|\.)instagram\.com$/, label: 'Post on Instagram' },
  { host: /(^|\.)facebook\.com$/, label: 'Post on Facebook' },
  { host: /(^|\.)linkedin\.com$/, label: 'Post on LinkedIn' },
  { host: /(^|\.)slideshare\.net$/, label: 'Slides on SlideShare' },
  { host: /(^|\.)scribd\.com$/, label: 'Document on Scribd' },
  { host: /(^|\.)issuu\.com$/, label: 'Document on Issuu' },
  { host: /(^|\.)tiktok\.com$/, label: 'Video on TikTok' },
];

/** Escapes text for an HTML attribute or text node; `&` already written as an entity is left alone. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&(?!(#\d+|#x[\da-f]+|[a-z][a-z\d]*);)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The words for a link to `url`: the provider's name for known hosts, else the URL itself. */
function linkText(url: string, fallback?: string): string {
  const host = hostOf(url);
  const provider = host ? PROVIDERS.find((entry) => entry.host.test(host)) : undefined;
  return provider?.label ?? fallback ?? url;
}

/** An embed as a paragraph holding one link. */
export function embedLink(url: string, fallback?: string): string {
  const href = url.trim();
  return `<p><a href="${escapeHtml(href)}">${escapeHtml(linkText(href, fallback))}</a></p>`;
}

/** `[video]`/`[audio]` files: a link named for the kind and the file, e.g. “Video: launch.mp4”. */
export function mediaFileLink(url: string, kind: 'Video' | 'Audio'): string {
  const name = decodeURIComponentSafe(url.split(/[?#]/)[0]?.split('/').pop() ?? url);
  return embedLink(url, `${kind}: ${name}`);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** WordPress's autoembed rule: a URL alone on its line (optionally in its own paragraph), outside `<pre>`. */
const BARE_URL_LINE = /^([ \t]*)(?:<p>)?[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*(?:<\/p>)?[ \t]*$/gim;

const PRE_START = /<pre[\s>]/gi;

/** The text split into what is outside `<pre>…</pre>` (even indexes) and the `<pre>` elements (odd), in one pass. */
function splitAtPre(html: string): string[] {
  const closer = forwardSearch(html, /<\/pre>/i);
  const parts: string[] = [];
  let copied = 0;
  for (const span of delimitedSpans(html, PRE_START, () => closer)) {
    parts.push(html.slice(copied, span.start), html.slice(span.start, span.end));
    copied = span.end;
  }
  parts.push(html.slice(copied));
  return parts;
}

/** Replaces each URL alone on its line with an embed link. */
export function convertBareEmbeds(html: string): string {
  return splitAtPre(html)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(BARE_URL_LINE, (_line, indent: string, url: string) => `${indent}${embedLink(url)}`)))
    .join('');
}

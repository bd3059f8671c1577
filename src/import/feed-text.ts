/** Feed summaries as front-matter `summary` text. */
import { htmlToLine } from './plain-text.js';

/** Most summaries are under this; a longer one is the start of the post, and the post's first paragraph does better. */
const MAX_SUMMARY_CHARS = 300;

/**
 * A feed summary as a front-matter `summary`, or `undefined` when it is no standfirst: the
 * platform's "[…]" and "Continue reading" tails go; a summary that is the whole text does not count.
 */
export function summaryText(html: string | undefined): string | undefined {
  if (!html) return undefined;
  const plain = htmlToLine(html)
    .replace(/\s*(?:The post .* appeared first on .*)$/i, '')
    .replace(/\s*(?:Continue reading|Read more)[^.!?]*$/i, '')
    .replace(/\s*(?:\[(?:…|\.\.\.|&hellip;)\])\s*$/, '…')
    .trim();
  if (plain === '' || plain.length > MAX_SUMMARY_CHARS) return undefined;
  return plain;
}

/** HTML fragments from feeds as plain text: for titles given as HTML, and for summaries. */
import { decodeHTML } from 'entities';

/**
 * Tags dropped, entities decoded, white space collapsed.
 *
 * @example
 * htmlToText('<p>Fish &amp; chips</p>\n<p>Mushy peas</p>'); // 'Fish & chips Mushy peas'
 */
export function htmlToText(html: string): string {
  const withoutElements = html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<!--[\s\S]*?-->/g, ' ');
  return decodeHTML(withoutElements.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Most summaries are under this; a longer one is the start of the post, and the post's first paragraph does better. */
const MAX_SUMMARY_CHARS = 300;

/**
 * A feed summary as a front-matter `summary`, or `undefined` when it is no standfirst: the
 * platform's "[…]" and "Continue reading" tails go; a summary that is the whole text does not count.
 */
export function summaryText(html: string | undefined): string | undefined {
  if (!html) return undefined;
  const plain = htmlToText(html)
    .replace(/\s*(?:The post .* appeared first on .*)$/i, '')
    .replace(/\s*(?:Continue reading|Read more)\b.*$/i, '')
    .replace(/\s*(?:\[(?:…|\.\.\.|&hellip;)\])\s*$/, '…')
    .trim();
  if (plain === '' || plain.length > MAX_SUMMARY_CHARS) return undefined;
  return plain;
}

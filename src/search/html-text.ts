/**
 * The readable text of a rendered body. Bodies are the Markdown stage's own serialisation
 * (rehype-stringify: quoted attributes, escaped `<` and `&` in text), so a lexical pass is
 * enough and the search stage never parses HTML again; `<script>`, `<style>` and `<template>`
 * contents are not text a reader sees, so they are dropped.
 */

const HIDDEN_ELEMENTS = /<(script|style|template)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?-->/g;
/** A tag whose quoted attribute values may themselves hold `>`. */
const TAGS = /<\/?[a-zA-Z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/g;
/** Block-level boundaries become spaces, so words of adjacent paragraphs never run together. */
const BLOCK_TAG = /^<\/?(p|div|h[1-6]|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|blockquote|pre|figure|figcaption|section|article|aside|header|footer|br|hr)\b/i;

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return NAMED[name.toLowerCase()] ?? match;
  });
}

/**
 * Body HTML → plain text with single spaces.
 *
 * @example
 * textOfHtml('<p>Fish &amp; chips</p><p>Peas</p>'); // 'Fish & chips Peas'
 */
export function textOfHtml(html: string): string {
  const stripped = html
    .replace(COMMENTS, ' ')
    .replace(HIDDEN_ELEMENTS, ' ')
    .replace(TAGS, (tag) => (BLOCK_TAG.test(tag) ? ' ' : ''));
  return decodeEntities(stripped).replace(/\s+/g, ' ').trim();
}

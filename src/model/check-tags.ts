/**
 * No tag is lost silently: distinct tag names that share a slug (`C++`, `C#` and `C` are all
 * `c`) are one tag, and a warning names each name with a post that uses it; a tag with no
 * letter, digit or emoji gets no page, and a warning says so; a tag URL the path rule refuses
 * (over 255 bytes) is an error at the post's `tags` line.
 */
import type { PostEntry } from '../content/types.js';
import { warningProblem, type Problem } from '../shared/errors.js';
import type { Tag } from './types.js';
import { urlProblems, type UrlOrigin } from './url-problems.js';

/** How often a spelling is used and the newest-first index of its oldest post. */
export interface Spelling {
  count: number;
  oldest: number;
}

/** Names that are spellings of one tag: case, accents, apostrophes and spaces/hyphens aside. */
function spellingKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`ʼ]/g, '')
    .replace(/[\s\-_]+/g, ' ')
    .trim();
}

function tagsLine(entries: readonly PostEntry[], index: number): UrlOrigin {
  const entry = entries[index];
  const at = entry?.positions.tags;
  return { file: entry?.source.relativePath ?? '', line: at?.line, column: at?.column };
}

function mergedNames(tag: Tag, spellings: ReadonlyMap<string, Spelling>, entries: readonly PostEntry[]): Problem[] {
  const distinct = new Map<string, [string, Spelling]>();
  for (const [name, spelling] of [...spellings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const key = spellingKey(name);
    if (!distinct.has(key)) distinct.set(key, [name, spelling]);
  }
  if (distinct.size < 2) return [];
  const named = [...distinct.values()];
  const list = named.map(([name, spelling]) => `"${name}" (${entries[spelling.oldest]?.source.relativePath ?? '?'})`).join(', ');
  return [
    warningProblem({
      code: 'tags/merged',
      message: `The tags ${list} all have the slug "${tag.slug}", so they are one tag at ${decodeURI(tag.url)}, shown as "${tag.name}".`,
      hint: 'If they are different topics, rename one so it has other letters (e.g. `C sharp`); if they are the same, spell them alike.',
      ...tagsLine(entries, named[1]?.[1].oldest ?? 0),
    }),
  ];
}

/**
 * Problems with the site's tags, in tag order.
 *
 * @example
 * checkTags(tags, groups, [], entries); // [warning: The tags "C" (posts/b.md), "C++" (posts/a.md) all have the slug "c", …]
 */
export function checkTags(
  tags: readonly Tag[],
  spellingsBySlug: ReadonlyMap<string, ReadonlyMap<string, Spelling>>,
  unusable: readonly { readonly name: string; readonly index: number }[],
  entries: readonly PostEntry[],
): Problem[] {
  const problems: Problem[] = [];
  for (const tag of tags) {
    const origin = tagsLine(entries, spellingsBySlug.get(tag.slug)?.get(tag.name)?.oldest ?? 0);
    problems.push(
      ...urlProblems(tag.url, origin, 'Shorten the tag name (a tag URL segment holds at most 255 bytes).', `The tag ${JSON.stringify(tag.name.length > 60 ? `${tag.name.slice(0, 60)}…` : tag.name)}`),
    );
    problems.push(...mergedNames(tag, spellingsBySlug.get(tag.slug) ?? new Map(), entries));
  }
  for (const { name, index } of unusable) {
    problems.push(
      warningProblem({
        code: 'tags/no-slug',
        message: `The tag ${JSON.stringify(name)} has no letter, digit or emoji to make a URL from, so it is left out.`,
        hint: 'Write the tag with at least one letter or digit.',
        ...tagsLine(entries, index),
      }),
    );
  }
  return problems;
}

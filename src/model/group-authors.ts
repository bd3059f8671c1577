/** Authors: records from `data/authors.yml` joined with the keys posts use. */
import type { Config } from '../config/types.js';
import type { AuthorRecord, PostEntry } from '../content/types.js';
import { suggestName } from '../config/suggest-name.js';
import { warningProblem, type Problem } from '../shared/errors.js';
import { renderPermalink } from '../shared/permalink.js';
import type { Mutable } from './mutable.js';
import { slugify } from '../shared/slug.js';
import type { Author, Post } from './types.js';

/** The key is the slug (settled), unless it would not be a safe URL segment. */
function authorSlug(key: string): string {
  return /^[a-z0-9][a-z0-9-]*$/i.test(key) ? key : slugify(key) || 'author';
}

function createAuthor(key: string, record: AuthorRecord | undefined, config: Config): Mutable<Author> {
  const slug = authorSlug(key);
  return {
    key,
    slug,
    name: record?.name ?? key,
    role: record?.role,
    email: record?.email,
    avatar: record?.avatar,
    bio: record?.bio,
    website: record?.url,
    url: renderPermalink(config.permalinks.author, { slug }),
    posts: [],
    known: record !== undefined,
  };
}

/** "Did you mean" the nearest key in data/authors.yml, else how to add the author. */
export function unknownAuthorHint(key: string, known: readonly string[]): string {
  const nearest = suggestName(key, known);
  const add = `add \`${key}:\` with a \`name\` to data/authors.yml`;
  return nearest ? `Did you mean "${nearest}"? If not, ${add}.` : `${add[0]?.toUpperCase()}${add.slice(1)}, or fix the key.`;
}

/** Link posts to their authors; unknown keys become warnings (the post still builds). */
export function groupAuthors(posts: Mutable<Post>[], entries: readonly PostEntry[], records: ReadonlyMap<string, AuthorRecord>, config: Config): { authors: Author[]; problems: Problem[] } {
  const authors = new Map<string, Mutable<Author>>();
  for (const [key, record] of records) authors.set(key, createAuthor(key, record, config));
  const problems: Problem[] = [];
  posts.forEach((post, index) => {
    const entry = entries[index];
    if (!entry) return;
    const linked: Author[] = [];
    for (const key of new Set(entry.authorKeys)) {
      let author = authors.get(key);
      if (!author) {
        const position = entry.positions.author;
        problems.push(
          warningProblem({
            code: 'author/unknown',
            message: `Unknown author ${JSON.stringify(key)}.`,
            hint: unknownAuthorHint(key, [...records.keys()]),
            file: entry.source.relativePath,
            line: position?.line,
            column: position?.column,
          }),
        );
        authors.set(key, (author = createAuthor(key, undefined, config)));
      }
      (author.posts as Post[]).push(post);
      linked.push(author);
    }
    post.authors = linked;
  });
  const collator = new Intl.Collator(config.language, { sensitivity: 'base' });
  const list = [...authors.values()].sort((a, b) => collator.compare(a.name, b.name) || (a.key < b.key ? -1 : 1));
  return { authors: list, problems };
}

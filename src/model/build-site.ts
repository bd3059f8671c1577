/**
 * Entries + rendered Markdown → the one `Site` model. Everything derived is
 * computed here, once; routes, templates and feeds only read the result.
 */
import type { Config } from '../config/types.js';
import type { DataSet, EventEntry, PageEntry, PostEntry, StaticFile } from '../content/types.js';
import { staged, warningProblem, type Problem, type Staged } from '../shared/errors.js';
import type { RenderedMarkdown } from '../markdown/types.js';
import { collectRedirects } from './collect-redirects.js';
import { createEvents } from './create-events.js';
import { createPages } from './create-pages.js';
import { createPosts } from './create-posts.js';
import { findAllRelated } from './find-related.js';
import { groupArchives } from './group-archives.js';
import { groupAuthors } from './group-authors.js';
import { groupTags } from './group-tags.js';
import type { ModelOptions, Site } from './types.js';
import { urlProblems } from './url-problems.js';

export interface SiteInput {
  readonly config: Config;
  readonly posts: readonly PostEntry[];
  readonly pages: readonly PageEntry[];
  readonly events: readonly EventEntry[];
  /** Rendered bodies keyed by source relative path. */
  readonly rendered: ReadonlyMap<string, RenderedMarkdown>;
  readonly data: DataSet;
  readonly statics?: readonly StaticFile[];
}

/** An avatar that points into the site (`/images/…`) but matches no static file would show as a broken image. */
function missingAvatars(site: Site): Problem[] {
  const statics = new Set(site.statics.map((file) => `/${file.outputPath}`));
  return site.authors
    .filter((author) => author.avatar?.startsWith('/') && !author.avatar.startsWith('//') && !statics.has(decodeURI(author.avatar)))
    .map((author) =>
      warningProblem({
        code: 'author/avatar-missing',
        message: `The avatar ${author.avatar ?? ''} of author "${author.key}" is not in static/.`,
        hint: `Add static${author.avatar ?? ''}, or fix the path in data/authors.yml.`,
        file: 'data/authors.yml',
      }),
    );
}

/**
 * Build the `Site` model. Pure: the same input and clock give an equal model.
 *
 * @example
 * const { value: site } = buildSite(input, { drafts: false, future: false, now: new Date() });
 */
export function buildSite(input: SiteInput, options: ModelOptions): Staged<Site> {
  const { config } = input;
  const created = createPosts(input.posts, input.rendered, config, options);
  const posts = created.posts;
  const { tags, problems: tagProblems } = groupTags(posts, created.entries, config);
  const authors = groupAuthors(posts, created.entries, input.data.authors, config);
  const related = findAllRelated(posts, tags, config.relatedPosts);
  posts.forEach((post, index) => {
    post.next = posts[index - 1];
    post.previous = posts[index + 1];
    post.related = related[index] ?? [];
  });
  const pages = createPages(input.pages, input.rendered, config, options);
  const events = createEvents(input.events, input.rendered, config, options.now);
  const eventUrlProblems = events.all.flatMap((event) => urlProblems(event.url, { file: event.source.relativePath, ...event.source.urlAt }, 'Give the event another `slug`.', `The event URL`));
  const redirects = collectRedirects(input, { posts, pages: pages.pages, events: events.all }, input.data);
  const site: Site = {
    config,
    now: options.now,
    posts,
    pages: pages.pages,
    tags,
    tagsBySlug: new Map(tags.map((tag) => [tag.slug, tag])),
    authors: authors.authors,
    authorsByKey: new Map(authors.authors.map((author) => [author.key, author])),
    years: groupArchives(posts),
    events,
    nextEvent: events.upcoming[0],
    data: input.data.data,
    statics: input.statics ?? [],
    ...(redirects.length > 0 ? { redirects } : {}),
  };
  return staged(site, [...created.problems, ...tagProblems, ...authors.problems, ...pages.problems, ...eventUrlProblems, ...missingAvatars(site)]);
}

/** Source files → typed entries (posts, pages, events) and the Markdown jobs for their bodies. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config/types.js';
import { hasErrors, staged, warningProblem, type Problem, type Staged } from '../shared/errors.js';
import { NEW_POST_PLACEHOLDER } from '../shared/site-layout.js';
import { slugify } from '../shared/slug.js';
import { normalisePermalink, permalinkDanger, slugDanger } from '../shared/check-url-path.js';
import { parseFrontMatter, type FrontMatter, type YamlMemo } from './front-matter.js';
import { FieldReader } from './read-fields.js';
import { readCommentsField } from './read-comments.js';
import { readRedirectsField } from './read-redirects.js';
import type { EntrySet, EventEntry, MarkdownJob, PageEntry, PostEntry, SourceFile, SourceRef } from './types.js';

const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})-/;

/** `posts/2024-07-09-our-plan.md` → `our-plan`. */
function slugFromFileName(relativePath: string): string {
  return slugify(path.posix.basename(relativePath, '.md').replace(DATE_PREFIX, ''));
}

/**
 * A file name with nothing a URL can use (e.g. `日本語.md`) still needs a slug, and two
 * such files must not collide: derive one from the path, and say how to choose a better one.
 */
function fallbackSlug(fields: FieldReader, relativePath: string): string {
  const slug = `untitled-${createHash('sha256').update(relativePath).digest('hex').slice(0, 8)}`;
  fields.warn('slug', `The file name gives no usable slug, so this entry's URL uses "${slug}".`, 'Add `slug: some-words` to the front matter (letters a–z, digits and hyphens).');
  return slug;
}

function readSlug(fields: FieldReader, relativePath: string): string {
  const written = fields.string('slug', { verbatim: true });
  if (written === undefined) return slugFromFileName(relativePath) || fallbackSlug(fields, relativePath);
  const danger = slugDanger(written);
  const slug = danger ? '' : slugify(written);
  if (danger || slug === '') {
    fields.fail('slug', `The slug ${JSON.stringify(written)} is not allowed: it ${danger ?? 'has no letters or digits'}.`, 'Use lower-case words joined by hyphens, e.g. `slug: our-new-plan`.');
    return 'invalid-slug';
  }
  return slug;
}

function readPermalink(fields: FieldReader): string | undefined {
  const written = fields.string('permalink', { verbatim: true });
  if (written === undefined) return undefined;
  const danger = permalinkDanger(written);
  if (danger) {
    fields.fail('permalink', `The permalink ${JSON.stringify(written)} is not allowed: it ${danger}.`, 'Write a path inside the site, e.g. `permalink: /news/our-plan/`.');
    return undefined;
  }
  return normalisePermalink(written);
}

/** The entry's origin; `urlAt` lets route collisions point at the line that chose the URL. */
function sourceRef(source: SourceFile, front: FrontMatter): SourceRef {
  const urlAt = front.positions.permalink ?? front.positions.slug;
  return { path: source.path, relativePath: source.relativePath, digest: source.digest, ...(urlAt ? { urlAt } : {}) };
}

/**
 * The lead image: a path on the site (`/images/a.jpg`) or a full http(s) address. Checked
 * here so a bad one is reported at its front-matter line, not inside a theme template.
 */
function readImage(fields: FieldReader): string | undefined {
  const image = fields.string('image');
  if (image === undefined || image === '') return image;
  let parsed: URL | undefined;
  try {
    parsed = new URL(image, 'https://site.invalid/');
  } catch {
    parsed = undefined;
  }
  const schemeless = !/^[a-z][a-z0-9+.-]*:/i.test(image) && !image.startsWith('//');
  if (parsed && (schemeless || parsed.protocol === 'https:' || parsed.protocol === 'http:')) return image;
  fields.fail(
    'image',
    `The image ${JSON.stringify(image)} is not a usable address${parsed ? ` (${parsed.protocol} links cannot be shown as images)` : ''}.`,
    'Write a path in static/ such as `image: /images/team.jpg`, or a full address starting with https://.',
  );
  return undefined;
}

/** `lang` must name a language the config declares (see docs/languages.md). */
function readLang(fields: FieldReader, config: Config): string | undefined {
  const lang = fields.string('lang');
  if (lang === undefined) return undefined;
  const known = [config.language, ...Object.keys(config.languages ?? {})];
  const match = known.find((code) => code.toLowerCase() === lang.toLowerCase());
  if (match) return match;
  const declare = config.languages ? `one of ${known.map((code) => `\`${code}\``).join(', ')}` : `\`${config.language}\` (declare other languages under \`languages\` in the config)`;
  fields.fail('lang', `Unknown language ${JSON.stringify(lang)}.`, `Write ${declare}.`);
  return undefined;
}

function base(fields: FieldReader, config: Config): { title: string; summary: string | undefined; lang: string | undefined; translationKey: string | undefined } {
  return { title: fields.string('title', { required: true }) ?? '', summary: fields.string('summary'), lang: readLang(fields, config), translationKey: fields.string('translationKey') };
}

function readPost(source: SourceFile, front: FrontMatter, config: Config): { entry: PostEntry; problems: Problem[] } {
  const fields = new FieldReader(front, source.relativePath, config.timezone);
  const prefix = DATE_PREFIX.exec(path.posix.basename(source.relativePath))?.[1];
  const common = base(fields, config);
  const entry: PostEntry = {
    kind: 'post',
    source: sourceRef(source, front),
    ...common,
    body: front.body,
    bodyLine: front.bodyLine,
    date: fields.date('date', { required: true, fallback: prefix }) ?? new Date(0),
    updated: fields.date('updated'),
    tags: fields.list('tags'),
    authorKeys: fields.list('author'),
    slug: readSlug(fields, source.relativePath),
    draft: fields.boolean('draft'),
    image: readImage(fields),
    imageAlt: fields.string('imageAlt'),
    permalink: readPermalink(fields),
    guid: fields.string('guid', { verbatim: true }),
    sticky: fields.boolean('sticky'),
    comments: readCommentsField(front, source.relativePath, config.timezone, fields.problems),
    redirects: readRedirectsField(front, source.relativePath, fields.problems),
    positions: front.positions,
  };
  const problems: Problem[] = [...fields.problems];
  if (entry.image && entry.imageAlt === undefined) {
    problems.push(
      warningProblem({
        code: 'front-matter/image-alt',
        message: 'The lead image has no `imageAlt` text.',
        hint: 'Describe the image for people who cannot see it (or write `imageAlt: ""` if it is purely decorative).',
        file: source.relativePath,
        line: front.positions.image?.line,
        column: front.positions.image?.column,
      }),
    );
  }
  const placeholder = entry.draft ? -1 : placeholderLine(front.body);
  if (placeholder >= 0) {
    problems.push(
      warningProblem({
        code: 'content/placeholder',
        message: `The post is published with the text \`sectorpress new post\` wrote: "${NEW_POST_PLACEHOLDER}"`,
        hint: 'Write the post in its place (or mark the post `draft: true` until it is written).',
        file: source.relativePath,
        line: front.bodyLine + placeholder,
        column: 1,
      }),
    );
  }
  if (common.summary === undefined && !hasErrors(fields.problems)) {
    problems.push(
      warningProblem({
        code: 'front-matter/no-summary',
        message: 'The post has no `summary`; its first paragraph is used as the excerpt.',
        hint: 'Add a one-sentence `summary:` (the standfirst shown under the title).',
        file: source.relativePath,
        line: 1,
        column: 1,
      }),
    );
  }
  return { entry, problems };
}

/** The 0-based line of the body that is still `new post`'s placeholder, or -1. */
function placeholderLine(body: string): number {
  if (!body.includes(NEW_POST_PLACEHOLDER)) return -1;
  return body.split('\n').findIndex((line) => line.trim() === NEW_POST_PLACEHOLDER);
}

function readPage(source: SourceFile, front: FrontMatter, config: Config): { entry: PageEntry; problems: Problem[] } {
  const fields = new FieldReader(front, source.relativePath, config.timezone);
  const entry: PageEntry = {
    kind: 'page',
    source: sourceRef(source, front),
    ...base(fields, config),
    body: front.body,
    bodyLine: front.bodyLine,
    pagePath: source.relativePath.replace(/^pages\//, '').replace(/\.md$/, ''),
    permalink: readPermalink(fields),
    draft: fields.boolean('draft'),
    order: fields.number('order'),
    redirects: readRedirectsField(front, source.relativePath, fields.problems),
    positions: front.positions,
  };
  return { entry, problems: fields.problems };
}

function readEvent(source: SourceFile, front: FrontMatter, config: Config): { entry: EventEntry; problems: Problem[] } {
  const fields = new FieldReader(front, source.relativePath, config.timezone);
  const bookingUrl = fields.string('url');
  if (bookingUrl !== undefined && !/^https?:\/\//i.test(bookingUrl)) {
    fields.fail('url', `The booking link ${JSON.stringify(bookingUrl)} must be a full web address.`, 'Start it with https://');
  }
  const entry: EventEntry = {
    kind: 'event',
    source: sourceRef(source, front),
    ...base(fields, config),
    body: front.body,
    bodyLine: front.bodyLine,
    slug: readSlug(fields, source.relativePath),
    start: fields.date('start', { required: true }) ?? new Date(0),
    end: fields.date('end'),
    location: fields.string('location'),
    bookingUrl,
    redirects: readRedirectsField(front, source.relativePath, fields.problems),
    positions: front.positions,
  };
  return { entry, problems: fields.problems };
}

function job(source: SourceFile, front: FrontMatter): MarkdownJob {
  return { id: source.relativePath, body: front.body, bodyLine: front.bodyLine, digest: source.digest };
}

/**
 * Read every entry's front matter. Problems in one file never stop the others
 * being read, so a build reports all of them at once. `memo` keeps parsed YAML between builds (front-matter-cache.ts).
 */
export function readEntries(
  sources: { readonly posts: readonly SourceFile[]; readonly pages: readonly SourceFile[]; readonly events: readonly SourceFile[] },
  config: Config,
  memo?: YamlMemo,
): Staged<EntrySet> {
  const problems: Problem[] = [];
  const jobs: MarkdownJob[] = [];
  const collect = <T>(files: readonly SourceFile[], read: (source: SourceFile, front: FrontMatter, config: Config) => { entry: T; problems: Problem[] }): T[] =>
    files.flatMap((source) => {
      const front = parseFrontMatter(source.text, source.relativePath, memo);
      if (front.problems.length > 0) {
        problems.push(...front.problems);
        return [];
      }
      const result = read(source, front, config);
      problems.push(...result.problems);
      // A half-read entry (placeholder date or slug) must never reach the model.
      if (hasErrors(result.problems)) return [];
      jobs.push(job(source, front));
      return [result.entry];
    });
  const posts = collect(sources.posts, readPost);
  const pages = collect(sources.pages, readPage);
  const events = collect(sources.events, readEvent);
  return staged({ posts, pages, events, jobs }, problems);
}

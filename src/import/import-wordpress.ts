/**
 * `sectorpress import wordpress`: two streaming passes over the export (first what posts need from
 * elsewhere in the file, then the posts, each staged as it is read), media, then the site folder.
 */
import path from 'node:path';
import type { AddressPolicy } from './address-policy.js';
import { errorProblem, staged, type Problem, type Staged } from '../shared/errors.js';
import { slugify } from '../shared/slug.js';
import { htmlToLine } from './plain-text.js';
import { archiveRedirects, emptyArchiveFacts, type ArchiveFacts } from './old-urls.js';
import { buildEntry, type BuiltEntry, type EntryContext } from './post-entry.js';
import { exportMediaHosts } from './media-urls.js';
import { relinkMedia } from './relink-media.js';
import { addRemoved, noneRemoved, type RemovedContent, removedCountRows } from './removed-content.js';
import { SiteStaging } from './site-staging.js';
import type { ImportedSite, ImportWarning } from './types.js';
import { finishImport, stageEntry } from './write-imported-site.js';
import { readWxr, type WxrChannelFields, WxrReadError } from './wxr-reader.js';
import { readItem, type WxrItem } from './wxr-records.js';
import { isEntry, scanWxr, type WxrScan } from './wxr-scan.js';

/** Options of `sectorpress import wordpress`. */
export interface WordPressImportOptions {
  out: string;
  media?: string;
  download?: boolean;
  comments?: boolean;
  force?: boolean;
  timeZone: string;
  categories: 'tags' | 'separate';
  /** Hosts `download` may fetch from besides the export's own and WordPress.com's media hosts (`--allow-host`). */
  allowHosts?: readonly string[];
  /** File types `download` takes besides media and documents (`--allow-type`). */
  allowTypes?: readonly string[];
  /** Which addresses may be connected to (default: public ones only). */
  policy?: Partial<AddressPolicy>;
}

/** What an import did. */
export interface ImportOutcome {
  counts: Record<string, number>;
  warnings: number;
  written: number;
  kept: string[];
}

const LEFT_OUT = 'other items left out (attachments, menus, templates, …)';
const COUNT_NAMES = [
  'posts published',
  'pages published',
  'drafts and pending',
  'private (imported as drafts)',
  'scheduled (imported as drafts, dated)',
  'password-protected (imported as drafts)',
  'authors',
  'comments kept',
  'redirects in data/redirects.yml',
  'media copied',
  'media missing',
  'media left out (used only by unpublished posts)',
  'other items left out (attachments, menus, templates, …)',
];

const NOT_CONVERTED = 'not converted (imported as drafts with a note; see warnings)';

function statusCount(built: BuiltEntry, status: string, password: boolean): string {
  if (password) return 'password-protected (imported as drafts)';
  if (built.failed) return NOT_CONVERTED;
  if (built.published) return built.entry.kind === 'page' ? 'pages published' : 'posts published';
  if (status === 'private') return 'private (imported as drafts)';
  if (status === 'future') return 'scheduled (imported as drafts, dated)';
  return 'drafts and pending';
}

function recordFacts(facts: ArchiveFacts, built: BuiltEntry, authorKey: string | undefined): void {
  if (!built.published || built.entry.kind !== 'post') return;
  if (built.day) facts.days.add(built.day);
  if (authorKey) facts.authors.set(authorKey, authorKey);
  // A term without a nicename (WXR 1.0 repeats terms without one) has no old address of its own.
  for (const { term, slug } of built.terms) if (term.nicename) (term.domain === 'post_tag' ? facts.tags : facts.categories).set(term.nicename, slug);
}

function readProblem(error: unknown, file: string): Problem {
  const shown = path.relative(process.cwd(), file) || file;
  if (error instanceof WxrReadError) return errorProblem({ code: error.code, message: error.message, hint: error.hint, file: shown, line: error.line, column: error.column });
  const code = (error as { code?: string } | null)?.code;
  const message =
    code === 'ENOENT'
      ? 'The export file does not exist.'
      : code === 'EISDIR'
        ? 'This is a folder, not an export file.'
        : `The export could not be read: ${error instanceof Error ? error.message : String(error)}`;
  return errorProblem({ code: 'import/unreadable', message, hint: 'Give the path of the .xml file WordPress exported (Tools → Export).', file: shown, line: 1, column: 1 });
}

function contextOf(scan: WxrScan, options: WordPressImportOptions): EntryContext {
  const siteUrl = (scan.channel['wp:base_blog_url'] || scan.channel.link || 'http://localhost').replace(/\/+$/, '');
  return { zone: options.timeZone, siteUrl, categories: options.categories, comments: Boolean(options.comments), attachments: scan.attachments, authorKeys: new Map(scan.authorKeys) };
}

/**
 * A file name not used yet in this import (case-insensitively, for macOS and Windows): the wanted one, else with
 * the post's ID (when it is a number, as WordPress writes it), else with a count.
 */
function fileChooser(): (wanted: string, id: string) => string {
  const used = new Set<string>();
  return (wanted, id) => {
    const suffixes = [/^\d{1,20}$/.test(id) ? `-${id}` : '-2'];
    let file = wanted;
    for (let count = 2; used.has(file.toLowerCase()); count += 1) {
      file = wanted.replace(/\.md$/, `${suffixes.shift() ?? `-${count}`}.md`);
    }
    used.add(file.toLowerCase());
    return file;
  };
}

/** What the second pass gathers while posts stream past. */
interface RunState {
  readonly counts: Record<string, number>;
  readonly warnings: ImportWarning[];
  readonly authors: Record<string, { name: string }>;
  readonly authorKeys: Map<string, string>;
  readonly facts: ArchiveFacts;
  /** Media URL → the first published post or page that uses it: only these are copied or downloaded. */
  readonly media: Map<string, string>;
  /** Media URL → the unpublished posts (drafts, private, scheduled, password-protected) that use it. */
  readonly unpublishedMedia: Map<string, string[]>;
  /** Items of post types that may be content (not WordPress's own machinery), by type. */
  readonly otherTypes: Map<string, number>;
  /** Active content left out of the posts, by kind. */
  readonly removed: RemovedContent;
}

/** WordPress's own item types: never content, so leaving them out needs no report line. */
const MACHINERY = new Set([
  'attachment',
  'nav_menu_item',
  'revision',
  'wp_template',
  'wp_template_part',
  'wp_block',
  'wp_navigation',
  'wp_global_styles',
  'wp_font_family',
  'wp_font_face',
  'custom_css',
  'customize_changeset',
  'oembed_cache',
  'user_request',
  'post',
  'page',
]);

function otherTypeWarnings(otherTypes: ReadonlyMap<string, number>): ImportWarning[] {
  return [...otherTypes].map(([type, count]) => ({
    source: `post type “${type}”`,
    message: `${count} item${count === 1 ? ' was' : 's were'} left out: only posts and pages are imported.`,
    action: 'If these are content (events, case studies, news), make them posts or pages by hand, or export them from WordPress as posts.',
  }));
}

/** The author key of a post's `dc:creator`; a creator missing from the export's author list is added. */
function authorKeyOf(creator: string, state: RunState): string | undefined {
  const known = state.authorKeys.get(creator);
  if (known || !creator) return known;
  const key = slugify(creator);
  if (!key) return undefined;
  state.authorKeys.set(creator, key);
  state.authors[key] ??= { name: creator };
  return key;
}

/**
 * Media only unpublished posts use, by post: a file a draft, private, scheduled or password-protected post
 * shows is as private as its text, and a file in static/ is published whatever links to it.
 */
function unpublishedOnly(state: RunState): Map<string, string[]> {
  const byPost = new Map<string, string[]>();
  for (const [url, sources] of state.unpublishedMedia) {
    if (state.media.has(url)) continue;
    for (const source of new Set(sources)) byPost.set(source, [...(byPost.get(source) ?? []), url]);
  }
  return byPost;
}

function leftOutWarnings(byPost: ReadonlyMap<string, readonly string[]>): ImportWarning[] {
  return [...byPost].map(([source, urls]) => ({
    source,
    message: `is not published, so the media only it uses were not copied or downloaded (they would have been published in static/): ${[...urls].sort().join(', ')}.`,
    action: 'If you publish it, copy these files into static/ and change its links, or publish it in WordPress and import again.',
  }));
}

/** The entry, or a report line naming the item and what went wrong: one bad post never ends the import. */
function buildSafely(item: WxrItem, context: EntryContext, choose: (wanted: string, id: string) => string, state: RunState): BuiltEntry | undefined {
  try {
    return buildEntry(item, context, (wanted) => choose(wanted, item.id));
  } catch (error) {
    const title = htmlToLine(item.title).slice(0, 80);
    state.warnings.push({
      source: `${item.type} ${item.id.slice(0, 40)} “${title}” (line ${item.line})`,
      message: `was not imported: ${error instanceof Error ? error.message : String(error)}.`,
      action: 'Copy it from the old site by hand.',
    });
    state.counts[NOT_IMPORTED] = (state.counts[NOT_IMPORTED] ?? 0) + 1;
    return undefined;
  }
}

const NOT_IMPORTED = 'not imported (see warnings)';

/** The second pass: each post or page is converted and staged as soon as it is read. */
async function stagePosts(file: string, context: EntryContext, state: RunState, staging: SiteStaging): Promise<WxrChannelFields> {
  const choose = fileChooser();
  return readWxr(file, async (node) => {
    const item = readItem(node);
    if (!item) return;
    if (!isEntry(item)) {
      state.counts[LEFT_OUT] += 1;
      if (!MACHINERY.has(item.type)) state.otherTypes.set(item.type, (state.otherTypes.get(item.type) ?? 0) + 1);
      return;
    }
    const authorKey = authorKeyOf(item.creator, state);
    const built = buildSafely(item, context, choose, state);
    if (!built) return;
    const count = statusCount(built, item.status, Boolean(item.password));
    state.counts[count] = (state.counts[count] ?? 0) + 1;
    state.counts['comments kept'] += built.commentsKept;
    state.warnings.push(...built.warnings);
    addRemoved(state.removed, built.removed);
    recordFacts(state.facts, built, authorKey);
    for (const url of built.media) {
      if (built.published) {
        if (!state.media.has(url)) state.media.set(url, built.entry.source);
      } else state.unpublishedMedia.set(url, [...(state.unpublishedMedia.get(url) ?? []), built.entry.source]);
    }
    await stageEntry(staging, built.entry);
  });
}

/** The config a new site folder gets, from the channel. */
function configOf(channel: WxrChannelFields, context: EntryContext, options: WordPressImportOptions): ImportedSite['config'] {
  return {
    title: htmlToLine(channel.title ?? '') || 'Imported blog',
    url: context.siteUrl,
    description: htmlToLine(channel.description ?? '') || undefined,
    timeZone: options.timeZone,
    language: channel.language || undefined,
  };
}

/** Second pass, media and writing, once the first pass has shown the export is usable. */
async function importScanned(file: string, scan: WxrScan, options: WordPressImportOptions, staging: SiteStaging): Promise<ImportOutcome> {
  const context = contextOf(scan, options);
  const state: RunState = {
    counts: Object.fromEntries(COUNT_NAMES.map((name) => [name, 0])),
    warnings: [...scan.warnings],
    authors: { ...scan.authors },
    authorKeys: new Map(scan.authorKeys),
    facts: emptyArchiveFacts(),
    media: new Map(),
    unpublishedMedia: new Map(),
    otherTypes: new Map(),
    removed: noneRemoved(),
  };
  const channel = await stagePosts(file, { ...context, authorKeys: state.authorKeys }, state, staging);
  const { counts, warnings, authors } = state;
  warnings.push(...otherTypeWarnings(state.otherTypes));
  if (options.media || options.download) {
    const leftOut = unpublishedOnly(state);
    counts['media left out (used only by unpublished posts)'] = new Set([...leftOut.values()].flat()).size;
    warnings.push(...leftOutWarnings(leftOut));
    const fetched = await relinkMedia(staging, state.media, {
      siteUrl: context.siteUrl,
      mediaFolder: options.media,
      download: options.download,
      allowedHosts: exportMediaHosts([scan.channel.link, scan.channel['wp:base_site_url'], scan.channel['wp:base_blog_url']], options.allowHosts),
      allowTypes: options.allowTypes,
      policy: options.policy,
    });
    counts['media copied'] = fetched.copied;
    counts['media missing'] = fetched.warnings.length;
    warnings.push(...fetched.warnings);
  }
  const redirects = archiveRedirects(state.facts);
  counts.authors = Object.keys(authors).length;
  counts['redirects in data/redirects.yml'] = redirects.length;
  Object.assign(counts, removedCountRows(state.removed));
  const config = configOf(channel, context, options);
  const result = await finishImport(staging, { config, authors, redirects, warnings, counts }, { force: options.force, reportTitle: `Import report: ${config.title}` });
  return { counts, warnings: warnings.length, ...result };
}

/** Import `file` into `options.out`; a bad export is an error problem and writes nothing. */
export async function importWordPress(file: string, options: WordPressImportOptions): Promise<Staged<ImportOutcome | undefined>> {
  let scan: WxrScan;
  try {
    scan = await scanWxr(file);
  } catch (error) {
    return staged(undefined, [readProblem(error, file)]);
  }
  if (scan.entries === 0) {
    const problem = errorProblem({
      code: 'import/empty',
      message: 'The export has no posts or pages.',
      hint: 'Export "All content" (Tools → Export), not only media or menus.',
      file: path.relative(process.cwd(), file) || file,
      line: 1,
      column: 1,
    });
    return staged(undefined, [problem]);
  }
  const staging = await SiteStaging.open(options.out);
  try {
    return staged(await importScanned(file, scan, options, staging));
  } catch (error) {
    if (error instanceof WxrReadError) return staged(undefined, [readProblem(error, file)]);
    throw error;
  } finally {
    await staging.discard();
  }
}

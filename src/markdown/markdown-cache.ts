/**
 * The persistent Markdown cache: rendered bodies keyed by a hash of the body, in a
 * file named by a digest of the whole pipeline (package versions, user plugins and
 * their options, the sanitize setting), so any change to the pipeline starts a fresh cache.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { PluggableList } from 'unified';
import { cacheFolder } from '../shared/cache-folder.js';
import { ownVersion, packageVersion } from '../shared/package-version.js';
import { readShardedStore, writeShardedStore } from '../shared/sharded-store.js';
import { readOnDemand } from './read-on-demand.js';
import type { ImageNote, MarkdownJob, RenderedMarkdown } from './types.js';

const PIPELINE_PACKAGES = [
  'unified',
  'remark-parse',
  'remark-rehype',
  'rehype-slug',
  'rehype-stringify',
  'mdast-util-to-hast',
  'hast-util-to-html',
  'micromark',
  'micromark-extension-gfm-autolink-literal',
  'micromark-extension-gfm-footnote',
  'micromark-extension-gfm-strikethrough',
  'micromark-extension-gfm-table',
  'micromark-extension-gfm-task-list-item',
  'mdast-util-gfm-autolink-literal',
  'mdast-util-gfm-footnote',
  'mdast-util-gfm-strikethrough',
  'mdast-util-gfm-table',
  'mdast-util-gfm-task-list-item',
  'rehype-raw',
  'hast-util-raw',
  'rehype-sanitize',
  'hast-util-sanitize',
];

let loadedVersions: Record<string, string> | undefined;

/**
 * Versions of everything that shapes the HTML, sectorpress included. Read once per process:
 * the code running is the code loaded at start, whatever is installed later.
 */
function pipelineVersions(): Record<string, string> {
  if (loadedVersions) return loadedVersions;
  return (loadedVersions = Object.fromEntries([['sectorpress', ownVersion()], ...PIPELINE_PACKAGES.map((name) => [name, packageVersion(name)])]));
}

function describePlugins(plugins: PluggableList): unknown[] {
  return plugins.map((entry) => {
    const [plugin, ...options] = Array.isArray(entry) ? entry : [entry];
    const source = typeof plugin === 'function' ? `${plugin.name}:${createHash('sha1').update(plugin.toString()).digest('hex')}` : JSON.stringify(plugin);
    return [source, JSON.stringify(options) ?? ''];
  });
}

/** What shapes the HTML besides package versions: the plugins (and their options) and the sanitize setting. */
export interface PipelineOptions {
  readonly remarkPlugins: PluggableList;
  readonly rehypePlugins: PluggableList;
  readonly sanitize?: boolean | Readonly<Record<string, unknown>>;
}

/** A digest of the user's plugins and their options (a worker checks it loaded the same ones). */
export function pluginsDigest(plugins: PipelineOptions): string {
  const description = { remark: describePlugins(plugins.remarkPlugins), rehype: describePlugins(plugins.rehypePlugins) };
  return createHash('sha256').update(JSON.stringify(description)).digest('hex').slice(0, 16);
}

/**
 * A digest of the pipeline: change any version, plugin, plugin option, the sanitize setting or
 * the base path (site-relative links in bodies carry it), and it changes.
 */
export function pipelineDigest(plugins: PipelineOptions, versions: Record<string, string> = pipelineVersions(), basePath = '/'): string {
  const description = { versions, remark: describePlugins(plugins.remarkPlugins), rehype: describePlugins(plugins.rehypePlugins), sanitize: plugins.sanitize ?? false, basePath };
  return createHash('sha256').update(JSON.stringify(description)).digest('hex').slice(0, 16);
}

function bodyKey(body: string): string {
  return createHash('sha1').update(body).digest('base64url');
}

/** A job's cache key: its body, and the images it shows (sizes and variants), so a changed image renders the body again. */
export function jobKey(job: MarkdownJob): string {
  return job.images ? bodyKey(`${job.body}\u0000${JSON.stringify(job.images)}`) : bodyKey(job.body);
}

/** One body as stored, but for its HTML (the store's text): a tuple, so property names are not stored once a body. */
type Stored = [key: string, wordCount: number, readingMinutes: number, excerpt: string, imageNotes: readonly ImageNote[] | undefined];

/**
 * The cache is split into 64 files by key (shared/sharded-store.ts): one file of every body
 * reached ~750 MB at 100,000 posts, so saving it after one edit rewrote all of it and
 * serialising it doubled the build's memory for a moment.
 */
const PREFIX = 'markdown-';

function cacheFolderOf(root: string, digest: string): string {
  return path.join(cacheFolder(root), `${PREFIX}${digest}`);
}

/** The cache as read: every entry, and what each shard file held (for `writeMarkdownCache`). */
export interface MarkdownCache {
  readonly entries: Map<string, RenderedMarkdown>;
  readonly shards: ReadonlyMap<number, string>;
}

/**
 * With `onDisk`, each body's HTML stays in the cache file until it is read (a rebuild reads few: its
 * changed pages, feeds and search shards); otherwise the shard files are all read into memory.
 */
export async function readMarkdownCache(root: string, digest: string, onDisk = false): Promise<MarkdownCache> {
  const entries = new Map<string, RenderedMarkdown>();
  const shards = await readShardedStore<Stored>(
    cacheFolderOf(root, digest),
    ([key, wordCount, readingMinutes, excerpt, imageNotes], html) => {
      const facts = { wordCount, readingMinutes, excerpt, ...(imageNotes ? { imageNotes } : {}) };
      entries.set(key, typeof html === 'function' ? readOnDemand(facts, html) : { html: html ?? '', ...facts });
    },
    { lazyTexts: onDisk },
  );
  return { entries, shards };
}

/**
 * Make the cache hold exactly the entries of this build (so it never grows without bound),
 * writing only the shard files whose keys differ from `known` (what `readMarkdownCache` found).
 * Caches of other pipelines (and the single-file format of earlier versions) go. Errors are the caller's warning.
 */
export function writeMarkdownCache(root: string, digest: string, entries: ReadonlyMap<string, RenderedMarkdown>, known: ReadonlyMap<number, string> = new Map()): Promise<void> {
  // A shard's HTML is read when that shard is written (a body's `html` may be read from disk: body-spool.ts).
  return writeShardedStore(
    cacheFolderOf(root, digest),
    PREFIX,
    entries,
    (key, value): Stored => [key, value.wordCount, value.readingMinutes, value.excerpt, value.imageNotes],
    known,
    (value) => value.html,
  );
}

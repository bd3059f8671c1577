/**
 * The persistent Markdown cache: rendered bodies keyed by a hash of the body, in a
 * file named by a digest of the whole pipeline (package versions, user plugins and
 * their options, the sanitize setting), so any change to the pipeline starts a fresh cache.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { PluggableList } from 'unified';
import { cacheFolder } from '../shared/cache-folder.js';
import { packageRoot } from '../shared/package-root.js';
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

function packageVersion(name: string): string {
  for (let dir = packageRoot(); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '?';
    if (path.dirname(dir) === dir) return 'missing';
  }
}

let loadedVersions: Record<string, string> | undefined;

/**
 * Versions of everything that shapes the HTML, sectorpress included. Read once per process:
 * the code running is the code loaded at start, whatever is installed later.
 */
function pipelineVersions(): Record<string, string> {
  if (loadedVersions) return loadedVersions;
  const own = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return (loadedVersions = Object.fromEntries([['sectorpress', own.version], ...PIPELINE_PACKAGES.map((name) => [name, packageVersion(name)])]));
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

type Stored = [key: string, html: string, wordCount: number, readingMinutes: number, excerpt: string, imageNotes: readonly ImageNote[] | undefined][];

/**
 * The cache is split into 64 files by the first character of each key (a base64url hash, so
 * they fill evenly): one file of every body reached ~750 MB at 100,000 posts, so saving it after
 * one edit rewrote all of it and serialising it doubled the build's memory for a moment.
 * Now a build rewrites only the files whose set of keys changed, one file at a time.
 */
const SHARD_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function cacheFolderOf(root: string, digest: string): string {
  return path.join(cacheFolder(root), `markdown-${digest}`);
}

function shardOf(key: string): number {
  return Math.max(0, SHARD_CHARACTERS.indexOf(key[0] ?? 'A'));
}

function shardFile(root: string, digest: string, shard: number): string {
  return path.join(cacheFolderOf(root, digest), `${String(shard).padStart(2, '0')}.bin`);
}

/** Which keys each shard file holds, as a digest: a shard whose keys are unchanged is not written again. */
function keysDigest(keys: readonly string[]): string {
  return createHash('sha1')
    .update([...keys].sort().join('\n'))
    .digest('base64url');
}

/** The cache as read: every entry, and what each shard file held (for `writeMarkdownCache`). */
export interface MarkdownCache {
  readonly entries: Map<string, RenderedMarkdown>;
  readonly shards: ReadonlyMap<number, string>;
}

async function readShard(file: string): Promise<Stored> {
  try {
    return deserialize(await fs.readFile(file)) as Stored;
  } catch {
    return [];
  }
}

/** With `keep`, each entry is passed through it as read, and the shard files are read one at a time (so the whole cache is never in memory at once). */
export async function readMarkdownCache(root: string, digest: string, keep?: (body: RenderedMarkdown) => RenderedMarkdown): Promise<MarkdownCache> {
  const entries = new Map<string, RenderedMarkdown>();
  const shards = new Map<number, string>();
  const take = (stored: Stored, shard: number): void => {
    if (stored.length === 0) return;
    for (const [key, html, wordCount, readingMinutes, excerpt, imageNotes] of stored) {
      const body: RenderedMarkdown = { html, wordCount, readingMinutes, excerpt, ...(imageNotes ? { imageNotes } : {}) };
      entries.set(key, keep ? keep(body) : body);
    }
    shards.set(shard, keysDigest(stored.map(([key]) => key)));
  };
  const files = SHARD_CHARACTERS.split('').map((_, shard) => shardFile(root, digest, shard));
  if (keep) for (const [shard, file] of files.entries()) take(await readShard(file), shard);
  else (await Promise.all(files.map(readShard))).forEach(take);
  return { entries, shards };
}

/**
 * Make the cache hold exactly the entries of this build (so it never grows without bound),
 * writing only the shard files whose keys differ from `known` (what `readMarkdownCache` found).
 * Errors are the caller's warning.
 */
export async function writeMarkdownCache(root: string, digest: string, entries: ReadonlyMap<string, RenderedMarkdown>, known: ReadonlyMap<number, string> = new Map()): Promise<void> {
  const parent = cacheFolder(root);
  const folder = cacheFolderOf(root, digest);
  await fs.mkdir(folder, { recursive: true });
  // Caches of other pipelines (and the single-file format of earlier versions) go.
  const stale = (await fs.readdir(parent)).filter((name) => name.startsWith('markdown-') && name !== path.basename(folder));
  await Promise.all(stale.map((name) => fs.rm(path.join(parent, name), { recursive: true, force: true })));
  const byShard = SHARD_CHARACTERS.split('').map((): [string, RenderedMarkdown][] => []);
  for (const entry of entries) byShard[shardOf(entry[0])]?.push(entry);
  for (const [shard, held] of byShard.entries()) {
    const file = shardFile(root, digest, shard);
    if (held.length === 0) {
      if (known.has(shard)) await fs.rm(file, { force: true });
      continue;
    }
    if (known.get(shard) === keysDigest(held.map(([key]) => key))) continue;
    // One shard's HTML read and serialised at a time (a body's `html` may be read from disk: body-spool.ts), so at most one shard's copy is in memory.
    const stored: Stored = held.map(([key, value]) => [key, value.html, value.wordCount, value.readingMinutes, value.excerpt, value.imageNotes]);
    const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(temp, serialize(stored));
    await fs.rename(temp, file);
  }
}

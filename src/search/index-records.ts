/**
 * Search records → Pagefind's index files, through Pagefind's Node API (its binary runs as a
 * service process). The files are returned in memory, under `pagefind/`, so they go through the
 * same output checks, manifest and atomic swap as every other output file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorProblem, staged, type Staged } from '../shared/errors.js';
import type { SearchRecord } from './search-records.js';
import { makeSearchTempFolder } from './search-temp-folder.js';

/** One file of the index, relative to the output folder. */
export interface IndexFile {
  readonly path: string;
  readonly contents: Uint8Array;
}

/** The output folder of the index: `<basePath>pagefind/pagefind.js` is what the search page loads. */
export const SEARCH_FOLDER = 'pagefind';

/** Pagefind's own ready-made interfaces: the theme ships its own search page, so these are never published. */
const UNUSED_FILES = /^pagefind-(?:component-ui|modular-ui|ui|highlight)\.(?:js|css)$/;

async function readIndexerVersion(): Promise<string> {
  try {
    const entry = fileURLToPath(import.meta.resolve('pagefind'));
    const manifest = JSON.parse(await fs.readFile(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version?: unknown };
    return `pagefind@${String(manifest.version)}`;
  } catch {
    return 'pagefind@unknown';
  }
}

let version: Promise<string> | undefined;

/** Pagefind's version, for cache keys: a new Pagefind may write a different index from the same records. Read once per process. */
export function indexerVersion(): Promise<string> {
  version ??= readIndexerVersion();
  return version;
}

function indexProblem(detail: string): Staged<IndexFile[]> {
  return staged(
    [],
    [
      errorProblem({
        code: 'search/index',
        message: `The search index could not be built: ${detail}`,
        hint: 'Check that Pagefind’s binary for this platform is installed (docs/search.md), or set `search: false` in the config.',
      }),
    ],
  );
}

/** Records sent to Pagefind before waiting for its answers. */
const RECORDS_IN_FLIGHT = 256;

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

const messageOf = (error: unknown): string => (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof import('pagefind').createIndex>>['index']>;

/**
 * The index's files, written by Pagefind to a temporary folder and read back. Pagefind's
 * `getFiles` sends them over its pipe as base64 inside JSON inside base64, which held about
 * five copies of a shard's files (a 5,000-record shard's are ~30 MB) in this process at once.
 */
async function writtenFiles(index: PagefindIndex): Promise<{ files: { path: string; content: Uint8Array }[]; errors: string[] }> {
  const folder = await makeSearchTempFolder();
  try {
    const { errors } = await index.writeFiles({ outputPath: folder });
    if (errors.length > 0) return { files: [], errors };
    const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
    const files = await Promise.all(
      entries
        .filter((entry) => entry.isFile())
        .map(async (entry) => {
          const file = path.join(entry.parentPath, entry.name);
          return { path: path.relative(folder, file), content: await fs.readFile(file) };
        }),
    );
    return { files, errors: [] };
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

/**
 * Index `records` with Pagefind (all as `language` when given, else each in its own record language)
 * and return its files (paths relative to the output folder, under `folder`),
 * sorted by path. A Pagefind failure is an error problem, never a thrown exception.
 */
export async function indexRecords(records: Iterable<SearchRecord>, language: string | undefined, folder = SEARCH_FOLDER): Promise<Staged<IndexFile[]>> {
  try {
    // Loaded only when an index is built: a warm build or `search: false` never starts Pagefind.
    const pagefind = await import('pagefind');
    const { index, errors } = await pagefind.createIndex(language === undefined ? {} : { forceLanguage: language });
    if (!index) return indexProblem(errors.join('; '));
    try {
      // Sent in batches, in order (Pagefind takes them in the order sent): a round trip per record would cost more than
      // the indexing itself on a busy machine, and all at once would hold every record's encoded message in the pipe's buffer.
      for (const batch of batches(records, RECORDS_IN_FLIGHT)) {
        const added = await Promise.all(
          batch.map((record) => index.addCustomRecord({ ...record, filters: Object.fromEntries(Object.entries(record.filters).map(([name, values]) => [name, [...values]])) })),
        );
        const failed = added.findIndex((response) => response.errors.length > 0);
        if (failed >= 0) return indexProblem(`${batch[failed]?.url}: ${added[failed]?.errors.join('; ')}`);
      }
      const { files, errors: writeErrors } = await writtenFiles(index);
      if (writeErrors.length > 0) return indexProblem(writeErrors.join('; '));
      const output = files
        .map((file) => ({ path: file.path.replace(/\\/g, '/'), contents: file.content }))
        .filter((file) => !UNUSED_FILES.test(file.path))
        .map((file): IndexFile => ({ path: `${folder}/${file.path}`, contents: file.contents }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      return staged(output);
    } finally {
      await index.deleteIndex();
    }
  } catch (error) {
    return indexProblem(messageOf(error));
  }
}

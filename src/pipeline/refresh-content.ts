/**
 * After edits to existing content files, re-read just those files instead of
 * walking the whole site. Anything else (a new or deleted file, a folder, a link,
 * a static file) falls back to a full `loadContent`.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/types.js';
import { loadContent, readSource } from '../content/load-content.js';
import type { SourceFile, SourceKind, SourceSet } from '../content/types.js';
import { staged, type Problem, type Staged } from '../shared/errors.js';
import { contentFolderOf } from '../shared/site-layout.js';
import { ListPositions } from './list-positions.js';

const BUCKETS = { post: 'posts', page: 'pages', event: 'events', data: 'data' } as const satisfies Record<SourceKind, keyof SourceSet>;

function classify(file: string): [SourceKind, Bucket] | undefined {
  const kind = contentFolderOf(file)?.kind;
  return kind ? [kind, BUCKETS[kind]] : undefined;
}

type Bucket = 'posts' | 'pages' | 'events' | 'data';

/** The source lists by path (list-positions.ts): at 100,000 posts a set or search of every path per edit cost more than reading the edited file. */
const sourcePositions = new ListPositions<SourceFile>((source) => source.relativePath);

/** Index every list of `sources` by path now, so the first edit does not pay for it (a dev server warming up). */
export function indexSources(sources: SourceSet): void {
  for (const bucket of Object.values(BUCKETS)) sourcePositions.of(sources[bucket]);
}

/** The source of `sources` at `file` (site-relative), if one of its posts, pages, events or data files is there. */
export function sourceAt(sources: SourceSet, file: string): SourceFile | undefined {
  const kind = classify(file);
  return kind && sourcePositions.find(sources[kind[1]], file);
}

export async function refreshContent(previous: SourceSet | undefined, changed: readonly string[], config: Config): Promise<Staged<SourceSet>> {
  if (!previous || changed.length === 0) return loadContent(config);
  const updates: [SourceFile, Bucket][] = [];
  const problems: Problem[] = [];
  for (const file of changed) {
    const kind = classify(file);
    const stat = (() => {
      try {
        return lstatSync(path.join(config.root, file));
      } catch {
        return undefined;
      }
    })();
    // New, deleted, linked or non-content files change the file list itself: walk again.
    if (!kind || !sourceAt(previous, file) || !stat?.isFile()) return loadContent(config);
    const read = readSource(config.root, file, kind[0], problems);
    if (!read) return loadContent(config);
    updates.push([read, kind[1]]);
  }
  const next = { ...previous };
  // Every updated file is known (checked above), so each list is replaced in place.
  for (const [file, bucket] of updates) next[bucket] = sourcePositions.replaced(next[bucket], [file]) as SourceFile[];
  return staged(next, problems);
}

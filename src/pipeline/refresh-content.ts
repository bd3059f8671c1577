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

const BUCKETS = { post: 'posts', page: 'pages', event: 'events', data: 'data' } as const satisfies Record<SourceKind, keyof SourceSet>;

function classify(file: string): [SourceKind, 'posts' | 'pages' | 'events' | 'data'] | undefined {
  const kind = contentFolderOf(file)?.kind;
  return kind ? [kind, BUCKETS[kind]] : undefined;
}

export async function refreshContent(previous: SourceSet | undefined, changed: readonly string[], config: Config): Promise<Staged<SourceSet>> {
  if (!previous || changed.length === 0) return loadContent(config);
  // Only the lists the changed files would be in, each made into a set once (a map of every known file cost more than the edit at 100,000 posts).
  const listed = new Map<'posts' | 'pages' | 'events' | 'data', Set<string>>();
  const known = (file: string, bucket: 'posts' | 'pages' | 'events' | 'data'): boolean => {
    let paths = listed.get(bucket);
    if (!paths) listed.set(bucket, (paths = new Set(previous[bucket].map((source) => source.relativePath))));
    return paths.has(file);
  };
  const updates: [SourceFile, 'posts' | 'pages' | 'events' | 'data'][] = [];
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
    if (!kind || !known(file, kind[1]) || !stat?.isFile()) return loadContent(config);
    const read = readSource(config.root, file, kind[0], problems);
    if (!read) return loadContent(config);
    updates.push([read, kind[1]]);
  }
  const next = { ...previous };
  for (const [file, bucket] of updates) {
    const list = [...next[bucket]];
    list[list.findIndex((existing) => existing.relativePath === file.relativePath)] = file;
    next[bucket] = list;
  }
  return staged(next, problems);
}

/** The watcher as a library API: rebuild results as an async iterable, no HTTP. */
import path from 'node:path';
import type { BuildOptions } from '../build.js';
import { DevSession, type RebuildResult } from './dev-session.js';
import { watchFiles } from './watch-files.js';

export interface WatchOptions extends BuildOptions {
  /** Quiet period that ends a burst of changes (default 20 ms). */
  readonly debounceMs?: number;
  /** Stop watching when aborted. */
  readonly signal?: AbortSignal;
}

/**
 * Build, then rebuild after every burst of changes, yielding each result.
 *
 * @example
 * for await (const result of watch({ root: 'my-blog' })) console.log(result.updated.length, 'files changed');
 */
export async function* watch(options: WatchOptions): AsyncGenerator<RebuildResult> {
  const session = new DevSession(options);
  const first = await session.rebuild();
  yield first;
  const batches: string[][] = [];
  let wake: (() => void) | undefined;
  const watcher = watchFiles({
    root: session.root,
    extra: [],
    ignore: [session.outDir || path.join(session.root, '_site')],
    debounceMs: options.debounceMs ?? 20,
    onBatch: (paths) => {
      batches.push(paths);
      wake?.();
    },
  });
  const aborted = new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }));
  try {
    await watcher.ready;
    while (!options.signal?.aborted) {
      if (batches.length === 0) {
        await Promise.race([new Promise<void>((resolve) => { wake = resolve; }), aborted]);
        continue;
      }
      const changed = [...new Set(batches.splice(0).flat())].sort();
      yield await session.rebuild(changed);
    }
  } finally {
    await watcher.close();
  }
}

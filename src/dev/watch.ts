/**
 * The watcher as a library API: build into the output folder, then keep it fresh, yielding
 * each rebuild's result; no HTTP. Every `BuildOptions` field is honoured, as by `build()`.
 *
 * Each good rebuild is written with the same atomic swap as `build()` (output/write-output.ts):
 * unchanged files are hard-linked from the previous output and only changed files are written,
 * so a reader of the folder (the user's own server) never sees a half-written site, not even
 * a post's new page beside its old list pages, and the next `build()` finds a manifest that is
 * true. The price is a folder and a hard link per file on every rebuild (measured at 1,000 posts
 * on the shared 2-core machine: 440 ms of a 488 ms rebuild, docs/performance.md);
 * renaming only the changed files into place would cost milliseconds but publish mixed states
 * between files. A failed rebuild leaves the last good output.
 */
import type { BuildOptions } from '../build.js';
import { DevSession, type RebuildResult } from './dev-session.js';

export interface WatchOptions extends BuildOptions {
  /** Quiet period that ends a burst of changes (default 10 ms). */
  readonly debounceMs?: number;
  /** Stop watching when aborted (the iteration then ends). */
  readonly signal?: AbortSignal;
}

/**
 * Build into the output folder, then rebuild and write again after every burst of changes,
 * yielding each result. Watching starts before the first result is yielded, so no edit made
 * after it is missed.
 *
 * @example
 * for await (const result of watch({ root: 'my-blog', signal: AbortSignal.timeout(60_000) })) {
 *   console.log(result.changed, `${result.pagesWritten} pages`, `${result.ms} ms`);
 * }
 */
export async function* watch(options: WatchOptions): AsyncGenerator<RebuildResult> {
  const session = new DevSession(options, true);
  const first = await session.rebuild();
  const batches: string[][] = [];
  let wake: (() => void) | undefined;
  const watcher = session.watch((paths) => {
    batches.push(paths);
    wake?.();
  }, options.debounceMs);
  const aborted = new Promise<void>((resolve) => {
    if (options.signal?.aborted) resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  // An abandoned iteration still stops watching once aborted.
  void aborted.then(() => watcher.close());
  try {
    await watcher.ready;
    yield first;
    while (!options.signal?.aborted) {
      if (batches.length === 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            wake = resolve;
          }),
          aborted,
        ]);
        wake = undefined;
        continue;
      }
      const changed = [...new Set(batches.splice(0).flat())].sort();
      yield await session.rebuild(changed);
    }
  } finally {
    await watcher.close();
  }
}

/** The watcher as a library API: rebuild results as an async iterable, no HTTP. */
import type { BuildOptions } from '../build.js';
import { DevSession, type RebuildResult } from './dev-session.js';

export interface WatchOptions extends BuildOptions {
  /** Quiet period that ends a burst of changes (default 10 ms). */
  readonly debounceMs?: number;
  /** Stop watching when aborted (the iteration then ends). */
  readonly signal?: AbortSignal;
}

/**
 * Build, then rebuild after every burst of changes, yielding each result. Watching
 * starts before the first result is yielded, so no edit made after it is missed.
 *
 * @example
 * for await (const result of watch({ root: 'my-blog', signal: AbortSignal.timeout(60_000) })) {
 *   console.log(result.changed, `${result.pagesWritten} pages`, `${result.ms} ms`);
 * }
 */
export async function* watch(options: WatchOptions): AsyncGenerator<RebuildResult> {
  const session = new DevSession(options);
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
        await Promise.race([new Promise<void>((resolve) => { wake = resolve; }), aborted]);
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

/**
 * Spread bodies over Markdown workers, each body under the time limit. The first worker
 * of a call is the warm one (kept for the next call); any others end with the call.
 */
import { MarkdownWorker, type BatchCallbacks, type WorkerStop } from './markdown-workers.js';
import type { WorkerSetup } from './markdown-worker.js';
import type { MarkdownJob } from './types.js';

let warm: { key: string; worker: MarkdownWorker } | undefined;
/** Setups workers refused (and why), so later calls go straight to the main thread. */
const refused = new Map<string, string>();

function take(key: string, setup: WorkerSetup): MarkdownWorker {
  if (warm && warm.key === key && warm.worker.alive && !warm.worker.busy) {
    warm.worker.busy = true;
    return warm.worker;
  }
  return new MarkdownWorker(setup);
}

/** Keep one live worker of this setup warm; end the rest. */
function release(key: string, used: readonly MarkdownWorker[]): void {
  for (const worker of used) {
    if (!worker.alive) continue;
    if (warm?.worker === worker) worker.idle();
    else if (!warm?.worker.alive || (warm.key !== key && !warm.worker.busy)) {
      warm?.worker.terminate();
      warm = { key, worker };
      worker.idle();
    } else worker.terminate();
  }
}

/** Split jobs into `count` batches of similar total length (largest first, greedy). */
function balance(jobs: readonly MarkdownJob[], count: number): MarkdownJob[][] {
  const batches = Array.from({ length: count }, () => ({ size: 0, jobs: [] as MarkdownJob[] }));
  for (const job of [...jobs].sort((a, b) => b.body.length - a.body.length)) {
    const lightest = batches.reduce((best, batch) => (batch.size < best.size ? batch : best));
    lightest.jobs.push(job);
    lightest.size += job.body.length;
  }
  return batches.map((batch) => batch.jobs).filter((batch) => batch.length > 0);
}

export interface WorkerCallbacks extends BatchCallbacks {
  readonly stopped: (stop: WorkerStop) => void;
}

/** Run one batch, in a fresh worker after each stop. Returns the workers used, and why workers cannot be used at all. */
async function runBatch(
  jobs: readonly MarkdownJob[],
  start: () => MarkdownWorker,
  timeLimit: (job: MarkdownJob) => number,
  callbacks: WorkerCallbacks,
): Promise<{ used: MarkdownWorker[]; unusable?: string }> {
  const used: MarkdownWorker[] = [];
  let rest = jobs;
  while (rest.length > 0) {
    const worker = start();
    used.push(worker);
    const stop = await worker.render(rest, timeLimit, callbacks);
    if (!stop) break;
    const ready = await worker.ready;
    if (ready !== true) return { used, unusable: ready };
    callbacks.stopped(stop);
    rest = rest.slice(rest.indexOf(stop.job) + 1);
  }
  return { used };
}

/**
 * Render `jobs` on `count` workers started with `setup`, each body within `timeLimit(job)` ms. A string result means the workers
 * could not be set up (e.g. the config file's plugins differ): the caller renders what is left.
 */
export async function renderInWorkers(
  jobs: readonly MarkdownJob[],
  setup: WorkerSetup,
  count: number,
  timeLimit: (job: MarkdownJob) => number,
  callbacks: WorkerCallbacks,
): Promise<string | undefined> {
  const key = JSON.stringify(setup);
  const known = refused.get(key);
  if (known !== undefined) return known;
  let first = true;
  const start = (): MarkdownWorker => {
    const worker = first ? take(key, setup) : new MarkdownWorker(setup);
    first = false;
    return worker;
  };
  const results = await Promise.all(balance(jobs, count).map((batch) => runBatch(batch, start, timeLimit, callbacks)));
  release(
    key,
    results.flatMap((result) => result.used),
  );
  const unusable = results.find((result) => result.unusable !== undefined)?.unusable;
  if (unusable !== undefined) refused.set(key, unusable);
  return unusable;
}

/**
 * Start the warm worker, if there is none for `setup`, and run `jobs` through it, throwing
 * the results away: the first edit then costs a round trip, not a start-up and a cold parser.
 */
export function warmUpWorker(jobs: readonly MarkdownJob[], setup: WorkerSetup): void {
  const key = JSON.stringify(setup);
  if (refused.has(key) || (warm?.key === key && warm.worker.alive)) return;
  const worker = new MarkdownWorker(setup);
  if (warm && !warm.worker.busy) warm.worker.terminate();
  warm = { key, worker };
  const ignore = (): void => undefined;
  void worker.render(jobs, () => 60_000, { rendered: ignore, failed: ignore }).then(() => worker.idle());
}

/**
 * End the warm worker, if any: for a builder that runs once, no later call will use it, and the heap it keeps
 * (its parser's garbage from thousands of bodies) is memory the rest of the build can use.
 */
export function endWarmWorker(): void {
  if (warm && !warm.worker.busy) warm.worker.terminate();
  warm = undefined;
}

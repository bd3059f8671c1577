/**
 * Markdown worker threads that can be stopped. Each body gets its own time limit (the
 * clock restarts at every reply, since a worker renders one body at a time); a body that
 * runs over it, or kills its worker, ends that worker, and the bodies after it carry on
 * in a fresh one. One worker stays warm between calls (idle, it does not keep the process
 * alive), so the dev server's few bodies per edit cost a message round trip, not a start-up.
 */
import type { Worker } from 'node:worker_threads';
import { canStartWorker, startWorker, workerModule } from '../shared/start-worker.js';
import type { WorkerReply, WorkerSetup } from './markdown-worker.js';
import type { MarkdownJob, RenderedMarkdown } from './types.js';

const WORKER = workerModule(new URL('./markdown-worker.js', import.meta.url));

/** Whether this install can start Markdown workers (compiled, or run from source through jiti). */
export function canStartWorkers(): boolean {
  return canStartWorker(WORKER);
}

/** Bodies per request to a worker. */
const REQUEST_BODIES = 32;

/** Why a worker stopped before the end of its bodies, and at which one. */
export interface WorkerStop {
  readonly job: MarkdownJob;
  readonly reason: 'timeout' | 'crash';
  readonly message: string;
}

export interface BatchCallbacks {
  readonly rendered: (id: string, value: RenderedMarkdown) => void;
  readonly failed: (job: MarkdownJob, message: string) => void;
}

/** One worker thread rendering one batch at a time. */
export class MarkdownWorker {
  private readonly worker: Worker;
  private listener: ((event: WorkerReply | { readonly type: 'exit'; readonly message: string }) => void) | undefined;
  /** False once it has stopped or refused its setup. */
  alive = true;
  busy = false;
  /** Resolves true when set up, or with why it cannot be used. */
  readonly ready: Promise<true | string>;

  constructor(setup: WorkerSetup) {
    this.worker = startWorker(WORKER, setup);
    this.ready = new Promise((resolve) => {
      this.listener = (event) => {
        if (event.type === 'ready') return resolve(true);
        this.terminate();
        resolve(event.type === 'exit' ? event.message : `unexpected reply "${event.type}"`);
      };
    });
    this.worker.on('message', (reply: WorkerReply) => this.listener?.(reply.type === 'unusable' ? { type: 'exit', message: reply.reason } : reply));
    this.worker.on('error', (error) => this.stopped(error.message));
    this.worker.on('exit', (code) => this.stopped(`the worker stopped (exit code ${code})`));
  }

  private stopped(message: string): void {
    if (!this.alive) return;
    this.alive = false;
    this.listener?.({ type: 'exit', message });
  }

  /** Let an idle worker not hold the process open. */
  idle(): void {
    this.busy = false;
    this.worker.unref();
  }

  terminate(): void {
    this.alive = false;
    void this.worker.terminate();
  }

  /** Render `jobs` in order; stops (and ends this worker) at the first body over its time limit or that kills it. */
  async render(jobs: readonly MarkdownJob[], timeLimit: (job: MarkdownJob) => number, callbacks: BatchCallbacks): Promise<WorkerStop | undefined> {
    this.busy = true;
    this.worker.ref();
    const ready = await this.ready;
    const first = jobs[0];
    if (!first) return undefined;
    if (ready !== true) return { job: first, reason: 'crash', message: ready };
    return new Promise((resolve) => {
      let index = 0;
      let sent = 0;
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const finish = (stop: WorkerStop | undefined): void => {
        settled = true;
        clearTimeout(timer);
        this.listener = undefined;
        resolve(stop);
      };
      // Bodies go in small requests, at most two ahead of the worker: one message of every body
      // took seconds to serialise at 100,000 posts (holding a second copy of them all), and
      // blocked this thread long enough to trip the time limit of bodies not yet started.
      const send = (): void => {
        while (sent < jobs.length && sent - index < 2 * REQUEST_BODIES) {
          const request = jobs.slice(sent, sent + REQUEST_BODIES);
          sent += request.length;
          this.worker.postMessage({ bodies: request.map((job) => [job.id, job.body, job.images]) });
        }
      };
      // The worker renders one body at a time, so the clock restarts at every reply.
      const time = (): void => {
        clearTimeout(timer);
        const job = jobs[index];
        const at = index;
        if (job)
          timer = setTimeout(() => {
            // A timer fires before replies already waiting are read (after this thread was busy,
            // say): let them be read first, and stop the worker only if this body is still unanswered.
            setImmediate(() => {
              if (index !== at || settled) return;
              this.terminate();
              finish({ job, reason: 'timeout', message: `over ${timeLimit(job)} ms` });
            });
          }, timeLimit(job));
      };
      this.listener = (event) => {
        const job = jobs[index];
        if (event.type === 'exit') return finish(job && { job, reason: 'crash', message: event.message });
        if (event.type === 'rendered') callbacks.rendered(event.id, event.value);
        else if (event.type === 'failed' && job) callbacks.failed(job, event.message);
        index += 1;
        // A reply per body, in order: the last one ends the batch without another message.
        if (index === jobs.length) return finish(undefined);
        send();
        time();
      };
      send();
      time();
    });
  }
}

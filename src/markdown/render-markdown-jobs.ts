/**
 * The Markdown stage: every body rendered once. Cached bodies are reused; the
 * rest are spread over worker threads when there are enough of them, else
 * rendered here. Output is identical either way.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/types.js';
import { errorProblem, staged, warningProblem, type Problem, type Staged } from '../shared/errors.js';
import { createProcessors, type ProcessorFor } from './create-processor.js';
import { bodyKey, pipelineDigest, readMarkdownCache, writeMarkdownCache } from './markdown-cache.js';
import type { WorkerReply } from './markdown-worker.js';
import { renderMarkdown } from './render-markdown.js';
import type { MarkdownJob, MarkdownOutput, RenderedMarkdown } from './types.js';

/** Below this many uncached bodies, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 150;

export interface MarkdownStageOptions {
  readonly cache: boolean;
  /** Worker threads; 0 = main thread. Default: the machine's parallelism when worth it. */
  readonly workers?: number;
  /** Override package versions (tests use this to simulate an upgrade). */
  readonly versions?: Record<string, string>;
  /** Processors to reuse across calls (the dev server renders a few bodies at a time). */
  readonly processors?: ProcessorFor;
}

const workerFile = fileURLToPath(new URL('./markdown-worker.js', import.meta.url));

function workerCount(jobs: number, config: Config, requested: number | undefined): number {
  const hasPlugins = config.markdown.remarkPlugins.length + config.markdown.rehypePlugins.length > 0;
  if (hasPlugins || !existsSync(workerFile)) return 0;
  if (requested !== undefined) return requested;
  return jobs >= WORKER_THRESHOLD ? Math.min(os.availableParallelism(), 8) : 0;
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

/** Render `batch` on a new worker, collecting its replies; the first failure ends it. */
function runWorker(batch: readonly MarkdownJob[]): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile);
    const results: (readonly [string, RenderedMarkdown])[] = [];
    worker.on('message', (reply: WorkerReply) => {
      if (reply.ok) results.push(...reply.results);
      if (reply.ok && !reply.done) return;
      void worker.terminate();
      resolve(reply.ok ? { ok: true, results, done: true } : reply);
    });
    worker.once('error', reject);
    worker.postMessage({ bodies: batch.map((job) => [job.id, job.body]) });
  });
}

function failure(job: MarkdownJob | undefined, id: string, message: string): Problem {
  return errorProblem({ code: 'markdown/render', message: `The Markdown could not be rendered: ${message}`, hint: 'Check the Markdown near this line, or the remark/rehype plugins in the config.', file: job?.id ?? id, line: job?.bodyLine, column: 1 });
}

async function renderAll(jobs: readonly MarkdownJob[], config: Config, workers: number, processors: ProcessorFor | undefined): Promise<{ rendered: Map<string, RenderedMarkdown>; problems: Problem[] }> {
  const rendered = new Map<string, RenderedMarkdown>();
  const problems: Problem[] = [];
  if (workers > 0) {
    const byId = new Map(jobs.map((job) => [job.id, job]));
    for (const reply of await Promise.all(balance(jobs, workers).map(runWorker))) {
      if (reply.ok) for (const [id, value] of reply.results) rendered.set(id, value);
      else problems.push(failure(byId.get(reply.id), reply.id, reply.message));
    }
    return { rendered, problems };
  }
  const processorFor = processors ?? createProcessors(config.markdown);
  for (const job of jobs) {
    try {
      rendered.set(job.id, await renderMarkdown(processorFor, job.body));
    } catch (error) {
      problems.push(failure(job, job.id, error instanceof Error ? error.message : String(error)));
    }
  }
  return { rendered, problems };
}

/**
 * Render every job, reusing the persistent cache.
 *
 * @example
 * const { value } = await renderMarkdownJobs(jobs, config, { cache: true });
 * value.renderedCount; // 0 on a warm build with nothing changed
 */
export async function renderMarkdownJobs(jobs: readonly MarkdownJob[], config: Config, options: MarkdownStageOptions): Promise<Staged<MarkdownOutput>> {
  // The digest only names the persistent cache; without it, no package versions need looking up.
  const digest = options.cache ? pipelineDigest(config.markdown, options.versions) : '';
  const cache = options.cache ? await readMarkdownCache(config.root, digest) : new Map<string, RenderedMarkdown>();
  const byId = new Map<string, RenderedMarkdown>();
  const used = new Map<string, RenderedMarkdown>();
  const missing: MarkdownJob[] = [];
  for (const job of jobs) {
    const key = bodyKey(job.body);
    const hit = cache.get(key);
    if (hit) {
      byId.set(job.id, hit);
      used.set(key, hit);
    } else missing.push(job);
  }
  const { rendered, problems } = await renderAll(missing, config, workerCount(missing.length, config, options.workers), options.processors);
  for (const job of missing) {
    const value = rendered.get(job.id);
    if (!value) continue;
    byId.set(job.id, value);
    used.set(bodyKey(job.body), value);
  }
  if (options.cache && (missing.length > 0 || used.size !== cache.size)) {
    try {
      await writeMarkdownCache(config.root, digest, used);
    } catch (error) {
      problems.push(warningProblem({ code: 'markdown/cache', message: `The Markdown cache could not be saved (${error instanceof Error ? error.message : String(error)}); the next build will render everything again.`, hint: 'Check node_modules/.cache/sectorpress in the site folder is writable.' }));
    }
  }
  return staged({ byId, renderedCount: missing.length, cacheHits: jobs.length - missing.length }, problems);
}

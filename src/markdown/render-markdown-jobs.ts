/**
 * The Markdown stage: every body rendered once, each under a size and a time limit.
 * Cached bodies are reused; the rest render in worker threads that can be stopped (one
 * kept warm between calls, more when there are many bodies). Output is identical to
 * rendering on this thread, which happens only when workers cannot be used (`workers: 0`,
 * or user plugins that are not in the site's config file): then only the size limit holds.
 */
import os from 'node:os';
import type { Config } from '../config/types.js';
import { errorProblem, staged, warningProblem, type Problem, type Staged } from '../shared/errors.js';
import { createProcessors, type ProcessorFor } from './create-processor.js';
import { jobKey, pipelineDigest, readMarkdownCache, writeMarkdownCache, pluginsDigest } from './markdown-cache.js';
import type { WorkerSetup } from './markdown-worker.js';
import { limitsOf, type BodyLimits } from '../shared/body-limits.js';
import { crashProblem, oversizedProblem, timeLimitOf, timeoutProblem } from './body-limits.js';
import { canStartWorkers } from './markdown-workers.js';
import { renderInWorkers, warmUpWorker } from './render-in-workers.js';
import { renderMarkdown } from './render-markdown.js';
import type { MarkdownJob, MarkdownOutput, RenderedMarkdown } from './types.js';

/** Below this many uncached bodies, more than the one warm worker costs more than it saves. */
const WORKER_THRESHOLD = 150;

export interface MarkdownStageOptions {
  readonly cache: boolean;
  /** Worker threads; 0 = main thread (no time limit). Default: one, or the machine's parallelism for many bodies. */
  readonly workers?: number;
  /** Override package versions (tests use this to simulate an upgrade). */
  readonly versions?: Record<string, string>;
  /**
   * Processors to reuse across calls when rendering on this thread. Given by the dev server,
   * which renders a few bodies at a time: the warm worker is then started even when every
   * body came from the cache, so the first edit does not wait for it.
   */
  readonly processors?: ProcessorFor;
  /**
   * Called with every body as it is rendered: what it returns is kept instead (`build()` moves the
   * HTML to disk, markdown/body-spool.ts). Given, bodies from the cache are left on disk too (their `html` is read when asked for).
   */
  readonly keep?: (body: RenderedMarkdown) => RenderedMarkdown;
  /**
   * Called with a job's id once the stage is done with its body (rendered, failed or stopped): a builder
   * that runs once lets the body go then (pipeline/releasable-job.ts). The stage reads no body after it.
   */
  readonly settled?: (id: string) => void;
  /** A job's cache key (markdown-cache.ts `jobKey`), when the caller has taken it already: a body is hashed once per build. */
  readonly keyOf?: (job: MarkdownJob) => string;
}

/** How workers must be set up for this config, or `undefined` when bodies must render on this thread. */
function workerSetup(config: Config, requested: number | undefined): WorkerSetup | undefined {
  const { markdown } = config;
  if (requested === 0 || !canStartWorkers()) return undefined;
  const sanitize = markdown.sanitize ?? false;
  try {
    structuredClone(sanitize);
  } catch {
    return undefined; // a schema holding functions cannot cross threads
  }
  if (markdown.remarkPlugins.length + markdown.rehypePlugins.length === 0) return { sanitize, basePath: config.basePath };
  // Plugins are functions: a worker can only load them from the config file itself.
  return config.configFile ? { sanitize, basePath: config.basePath, plugins: { configFile: config.configFile, digest: pluginsDigest(markdown) } } : undefined;
}

function workerCount(jobs: number, requested: number | undefined): number {
  const wanted = requested ?? (jobs >= WORKER_THRESHOLD ? Math.min(os.availableParallelism(), 8) : 1);
  return Math.max(1, Math.min(wanted, jobs));
}

function failure(job: MarkdownJob, message: string): Problem {
  return errorProblem({
    code: 'markdown/render',
    message: `The Markdown could not be rendered: ${message}`,
    hint: 'Check the Markdown near this line, or the remark/rehype plugins in the config.',
    file: job.id,
    line: job.bodyLine,
    column: 1,
  });
}

interface Rendered {
  readonly rendered: Map<string, RenderedMarkdown>;
  readonly problems: Problem[];
}

async function renderHere(jobs: readonly MarkdownJob[], config: Config, options: MarkdownStageOptions, out: Rendered): Promise<void> {
  const processorFor = options.processors ?? createProcessors(config.markdown, config.basePath);
  const keep = options.keep ?? ((body: RenderedMarkdown) => body);
  for (const job of jobs) {
    try {
      out.rendered.set(job.id, keep(await renderMarkdown(processorFor, job.body, job.images)));
    } catch (error) {
      out.problems.push(failure(job, error instanceof Error ? error.message : String(error)));
    }
    options.settled?.(job.id);
  }
}

/** Render in workers when possible; whatever they could not take renders here. */
async function renderWithin(jobs: readonly MarkdownJob[], config: Config, limits: BodyLimits, options: MarkdownStageOptions, out: Rendered): Promise<void> {
  const setup = workerSetup(config, options.workers);
  if (!setup) return renderHere(jobs, config, options, out);
  const settled = new Set<string>();
  const settle = (id: string): void => {
    settled.add(id);
    options.settled?.(id);
  };
  const refused = await renderInWorkers(jobs, setup, workerCount(jobs.length, options.workers), (job) => timeLimitOf(job, limits), {
    rendered: (id, value) => {
      out.rendered.set(id, options.keep ? options.keep(value) : value);
      settle(id);
    },
    failed: (job, message) => {
      out.problems.push(failure(job, message));
      settle(job.id);
    },
    stopped: (stop) => {
      out.problems.push(stop.reason === 'timeout' ? timeoutProblem(stop.job, limits) : crashProblem(stop.job, stop.message));
      settle(stop.job.id);
    },
  });
  if (refused !== undefined)
    await renderHere(
      jobs.filter((job) => !settled.has(job.id)),
      config,
      options,
      out,
    );
}

async function renderAll(jobs: readonly MarkdownJob[], config: Config, options: MarkdownStageOptions): Promise<Rendered> {
  const limits = limitsOf(config.markdown);
  const out: Rendered = { rendered: new Map(), problems: [] };
  const accepted: MarkdownJob[] = [];
  for (const job of jobs) {
    const problem = oversizedProblem(job, limits);
    if (problem) {
      out.problems.push(problem);
      options.settled?.(job.id);
    } else accepted.push(job);
  }
  if (accepted.length > 0) await renderWithin(accepted, config, limits, options, out);
  return out;
}

/** True when bodies of this config render in worker threads (which the stage warms itself), not on this thread. */
export function rendersInWorkers(config: Config, workers: number | undefined): boolean {
  return workerSetup(config, workers) !== undefined;
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
  const digest = options.cache ? pipelineDigest(config.markdown, options.versions, config.basePath) : '';
  const { entries: cache, shards } = options.cache
    ? await readMarkdownCache(config.root, digest, options.keep !== undefined)
    : { entries: new Map<string, RenderedMarkdown>(), shards: new Map<number, string>() };
  const byId = new Map<string, RenderedMarkdown>();
  const used = new Map<string, RenderedMarkdown>();
  const missing: MarkdownJob[] = [];
  // Keys are taken before rendering: with `settled`, a body is gone once rendered.
  const keys = new Map<MarkdownJob, string>();
  const keyOf = options.keyOf ?? jobKey;
  for (const job of jobs) {
    const key = keyOf(job);
    const hit = cache.get(key);
    if (hit) {
      byId.set(job.id, hit);
      used.set(key, hit);
      options.settled?.(job.id);
    } else {
      missing.push(job);
      keys.set(job, key);
    }
  }
  const { rendered, problems } = await renderAll(missing, config, options);
  const setup = options.processors && missing.length === 0 && jobs.length > 0 ? workerSetup(config, options.workers) : undefined;
  if (setup) warmUpWorker(jobs.slice(0, 16), setup);
  for (const job of missing) {
    const value = rendered.get(job.id);
    if (!value) continue;
    byId.set(job.id, value);
    used.set(keys.get(job) as string, value);
  }
  if (options.cache && (missing.length > 0 || used.size !== cache.size)) {
    try {
      await writeMarkdownCache(config.root, digest, used, shards);
    } catch (error) {
      problems.push(
        warningProblem({
          code: 'markdown/cache',
          message: `The Markdown cache could not be saved (${error instanceof Error ? error.message : String(error)}); the next build will render everything again.`,
          hint: 'Check node_modules/.cache/sectorpress in the site folder is writable.',
        }),
      );
    }
  }
  return staged({ byId, renderedCount: missing.length, cacheHits: jobs.length - missing.length }, problems);
}

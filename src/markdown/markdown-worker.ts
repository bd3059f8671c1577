/** Worker thread: renders a batch of bodies with the built-in pipeline (no user plugins cross threads). */
import { parentPort } from 'node:worker_threads';
import { createProcessors, type ProcessorFor } from './create-processor.js';
import { renderMarkdown } from './render-markdown.js';
import type { RenderedMarkdown } from './types.js';

export interface WorkerRequest {
  readonly bodies: readonly (readonly [string, string])[];
  /** The site's base path (`Config.basePath`): site-relative links in bodies get it. */
  readonly basePath: string;
}
/** Results come in parts (`done` on the last) so neither thread holds a whole batch twice. */
export type WorkerReply = { readonly ok: true; readonly results: (readonly [string, RenderedMarkdown])[]; readonly done: boolean } | { readonly ok: false; readonly id: string; readonly message: string };

/** Bodies per reply: small enough to keep the worker's heap small, large enough that messages stay cheap. */
const PART = 64;

const processors = new Map<string, ProcessorFor>();

parentPort?.on('message', async (request: WorkerRequest) => {
  let processorFor = processors.get(request.basePath);
  if (!processorFor) processors.set(request.basePath, (processorFor = createProcessors(undefined, request.basePath)));
  let results: (readonly [string, RenderedMarkdown])[] = [];
  for (const [id, body] of request.bodies) {
    try {
      results.push([id, await renderMarkdown(processorFor, body)]);
    } catch (error) {
      parentPort?.postMessage({ ok: false, id, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
      return;
    }
    if (results.length === PART) {
      parentPort?.postMessage({ ok: true, results, done: false } satisfies WorkerReply);
      results = [];
    }
  }
  parentPort?.postMessage({ ok: true, results, done: true } satisfies WorkerReply);
});

/** Worker thread: renders a batch of bodies with the built-in pipeline (no user plugins cross threads). */
import { parentPort } from 'node:worker_threads';
import { createProcessors } from './create-processor.js';
import { renderMarkdown } from './render-markdown.js';
import type { RenderedMarkdown } from './types.js';

export interface WorkerRequest {
  readonly bodies: readonly (readonly [string, string])[];
}
export type WorkerReply = { readonly ok: true; readonly results: (readonly [string, RenderedMarkdown])[] } | { readonly ok: false; readonly id: string; readonly message: string };

const processorFor = createProcessors();

parentPort?.on('message', async (request: WorkerRequest) => {
  const results: (readonly [string, RenderedMarkdown])[] = [];
  for (const [id, body] of request.bodies) {
    try {
      results.push([id, await renderMarkdown(processorFor, body)]);
    } catch (error) {
      parentPort?.postMessage({ ok: false, id, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
      return;
    }
  }
  parentPort?.postMessage({ ok: true, results } satisfies WorkerReply);
});

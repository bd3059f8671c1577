/** Worker thread: scans batches of pages (validate, collect links) and replies with each batch's scans. */
import { parentPort } from 'node:worker_threads';
import { createPageScanner } from './scan-page.js';
import type { PageScan } from './types.js';

/** A batch of pages: each page's path (relative to the output folder) and its HTML. */
export interface ScanRequest {
  readonly pages: readonly (readonly [string, string])[];
}

export type ScanReply = { readonly type: 'scanned'; readonly scans: readonly PageScan[] } | { readonly type: 'failed'; readonly message: string };

const scan = createPageScanner();

parentPort?.on('message', async (request: ScanRequest) => {
  try {
    const scans: PageScan[] = [];
    for (const [file, html] of request.pages) scans.push(await scan(file, html));
    parentPort?.postMessage({ type: 'scanned', scans } satisfies ScanReply);
  } catch (error) {
    parentPort?.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies ScanReply);
  }
});

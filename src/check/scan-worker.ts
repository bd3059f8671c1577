/** Worker thread: scans batches of pages (read, validate, collect links) and replies with each batch's scans. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createPageScanner } from './scan-page.js';
import type { PageScan } from './types.js';

/** What a worker is started with. */
export interface ScanWorkerSetup {
  readonly outDir: string;
}

export interface ScanRequest {
  readonly files: readonly string[];
}

export type ScanReply = { readonly type: 'scanned'; readonly scans: readonly PageScan[] } | { readonly type: 'failed'; readonly message: string };

const scan = createPageScanner();
const { outDir } = workerData as ScanWorkerSetup;

parentPort?.on('message', async (request: ScanRequest) => {
  try {
    const scans: PageScan[] = [];
    for (const file of request.files) scans.push(await scan(file, await fs.readFile(path.join(outDir, file), 'utf8')));
    parentPort?.postMessage({ type: 'scanned', scans } satisfies ScanReply);
  } catch (error) {
    parentPort?.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies ScanReply);
  }
});

/**
 * Scans every HTML page of the output folder: in worker threads when there are enough
 * pages to pay for starting them (html-validate is most of a check's time), else here.
 */
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createPageScanner } from './scan-page.js';
import type { ScanReply, ScanRequest, ScanWorkerSetup } from './scan-worker.js';
import type { PageScan } from './types.js';

const compiledFile = fileURLToPath(new URL('./scan-worker.js', import.meta.url));
const sourceFile = fileURLToPath(new URL('./scan-worker.ts', import.meta.url));
/** Below this many pages one thread is quicker than starting workers. */
const WORKER_THRESHOLD = 120;
const BATCH = 20;

/** html-validate makes many short-lived objects: a larger young generation cuts garbage collection by about a sixth. */
const resourceLimits = { maxYoungGenerationSizeMb: 96 };

function spawn(setup: ScanWorkerSetup): Worker {
  if (existsSync(compiledFile)) return new Worker(compiledFile, { workerData: setup, resourceLimits });
  // Run from TypeScript sources (sectorpress's own tests): load the worker through jiti.
  const jiti = createRequire(import.meta.url).resolve('jiti');
  const code = `require(${JSON.stringify(jiti)}).createJiti(${JSON.stringify(sourceFile)}).import(${JSON.stringify(sourceFile)})`;
  return new Worker(code, { eval: true, workerData: setup, resourceLimits });
}

async function scanHere(outDir: string, files: readonly string[]): Promise<PageScan[]> {
  const scan = createPageScanner();
  const scans: PageScan[] = [];
  for (const file of files) scans.push(await scan(file, await fs.readFile(path.join(outDir, file), 'utf8')));
  return scans;
}

/** One worker taking batches from the shared queue until it is empty. */
function drain(worker: Worker, queue: string[][], scans: PageScan[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = (): void => {
      const files = queue.shift();
      if (files) worker.postMessage({ files } satisfies ScanRequest);
      else resolve();
    };
    worker.on('message', (reply: ScanReply) => {
      if (reply.type === 'failed') {
        reject(new Error(reply.message));
        return;
      }
      scans.push(...reply.scans);
      next();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`a check worker stopped (exit code ${code})`)));
    next();
  });
}

/** Scan `files` (posix paths relative to `outDir`), in file order. */
export async function scanPages(outDir: string, files: readonly string[]): Promise<PageScan[]> {
  const threads = Math.min(os.availableParallelism(), 4, Math.ceil(files.length / WORKER_THRESHOLD));
  if (threads < 2) return scanHere(outDir, files);
  const queue: string[][] = [];
  for (let start = 0; start < files.length; start += BATCH) queue.push(files.slice(start, start + BATCH));
  const workers = Array.from({ length: threads }, () => spawn({ outDir }));
  const scans: PageScan[] = [];
  try {
    await Promise.all(workers.map((worker) => drain(worker, queue, scans)));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return scans.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

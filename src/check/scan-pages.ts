/**
 * Scans every HTML page of the output folder. Pages whose HTML is unchanged since the last
 * check reuse its scan (scan-cache.ts); the rest are scanned in worker threads when there are
 * enough to pay for starting them (html-validate is most of a check's time), else here.
 */
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { forEachLimited } from '../shared/for-each-limited.js';
import { digestOf, readScanCache, writeScanCache } from './scan-cache.js';
import { createPageScanner } from './scan-page.js';
import type { ScanReply, ScanRequest } from './scan-worker.js';
import type { PageScan } from './types.js';

const compiledFile = fileURLToPath(new URL('./scan-worker.js', import.meta.url));
const sourceFile = fileURLToPath(new URL('./scan-worker.ts', import.meta.url));
/** Below this many pages one thread is quicker than starting workers. */
const WORKER_THRESHOLD = 120;
const BATCH = 20;
/** html-validate makes many short-lived objects: a larger young generation cuts garbage collection by about a sixth. */
const resourceLimits = { maxYoungGenerationSizeMb: 96 };

type Page = readonly [file: string, html: string];

function spawn(): Worker {
  if (existsSync(compiledFile)) return new Worker(compiledFile, { resourceLimits });
  // Run from TypeScript sources (sectorpress's own tests): load the worker through jiti.
  const jiti = createRequire(import.meta.url).resolve('jiti');
  const code = `require(${JSON.stringify(jiti)}).createJiti(${JSON.stringify(sourceFile)}).import(${JSON.stringify(sourceFile)})`;
  return new Worker(code, { eval: true, resourceLimits });
}

async function scanHere(pages: readonly Page[]): Promise<PageScan[]> {
  const scan = createPageScanner();
  const scans: PageScan[] = [];
  for (const [file, html] of pages) scans.push(await scan(file, html));
  return scans;
}

/** One worker taking batches from the shared queue until it is empty. */
function drain(worker: Worker, queue: Page[][], scans: PageScan[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = (): void => {
      const pages = queue.shift();
      if (pages) worker.postMessage({ pages } satisfies ScanRequest);
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

async function scanFresh(pages: readonly Page[]): Promise<PageScan[]> {
  const threads = Math.min(os.availableParallelism(), 4, Math.ceil(pages.length / WORKER_THRESHOLD));
  if (threads < 2) return scanHere(pages);
  const queue: Page[][] = [];
  for (let start = 0; start < pages.length; start += BATCH) queue.push(pages.slice(start, start + BATCH));
  const workers = Array.from({ length: threads }, spawn);
  const scans: PageScan[] = [];
  try {
    await Promise.all(workers.map((worker) => drain(worker, queue, scans)));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return scans;
}

/** Scan `files` (posix paths relative to `outDir`), in file order; `reused` counts pages whose scan came from `cacheFile`. */
export async function scanPages(outDir: string, files: readonly string[], cacheFile?: string): Promise<{ scans: PageScan[]; reused: number }> {
  const pages: Page[] = [];
  await forEachLimited(files, 16, async (file) => {
    pages.push([file, await fs.readFile(path.join(outDir, file), 'utf8')]);
  });
  const digests = new Map(pages.map(([file, html]) => [file, digestOf(html)]));
  const cache = await readScanCache(cacheFile);
  const scans: PageScan[] = [];
  const fresh: Page[] = [];
  for (const page of pages) {
    const stored = cache.get(digests.get(page[0]) as string);
    if (stored) scans.push({ file: page[0], ...stored });
    else fresh.push(page);
  }
  const reused = scans.length;
  scans.push(...(await scanFresh(fresh)));
  scans.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  await writeScanCache(
    cacheFile,
    scans.map((scan) => [digests.get(scan.file) as string, scan] as const),
  );
  return { scans, reused };
}

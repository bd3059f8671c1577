/**
 * Start a worker thread from one of sectorpress's own modules: the compiled `.js` file, or, when
 * sectorpress runs from its TypeScript sources (its own tests), the `.ts` file loaded through jiti.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The worker module's two forms, from the URL of its compiled file (`new URL('./x.js', import.meta.url)`). */
export interface WorkerModule {
  readonly compiled: string;
  readonly source: string;
}

export function workerModule(compiled: URL): WorkerModule {
  const file = fileURLToPath(compiled);
  return { compiled: file, source: file.replace(/\.js$/, '.ts') };
}

/** Whether this install has the module in either form. */
export function canStartWorker(module: WorkerModule): boolean {
  return existsSync(module.compiled) || existsSync(module.source);
}

export function startWorker(module: WorkerModule, workerData: unknown): Worker {
  if (existsSync(module.compiled)) return new Worker(module.compiled, { workerData });
  const jiti = createRequire(import.meta.url).resolve('jiti');
  const code = `require(${JSON.stringify(jiti)}).createJiti(${JSON.stringify(module.source)}).import(${JSON.stringify(module.source)})`;
  return new Worker(code, { eval: true, workerData });
}

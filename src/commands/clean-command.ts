/** `sectorpress clean`: remove the output folder and the Markdown cache. */
import { cleanUsage } from './usage.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { hasErrors } from '../shared/errors.js';
import { reportProblems, type CliIo } from './cli-io.js';
import { parseFlags } from './parse-flags.js';

export async function runClean(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, {}, cleanUsage);
  if (values.help) {
    io.out(cleanUsage);
    return 0;
  }
  const root = path.resolve(positionals[0] ?? '.');
  const config = await loadConfig(root, {});
  if (hasErrors(config.problems)) {
    reportProblems(io, config.problems, { warnings: false });
    return 1;
  }
  await fs.rm(config.value.outDir, { recursive: true, force: true });
  await fs.rm(path.join(root, 'node_modules', '.cache', 'sectorpress'), { recursive: true, force: true });
  io.out(`Removed ${path.relative(process.cwd(), config.value.outDir) || '.'} and the cache.`);
  return 0;
}

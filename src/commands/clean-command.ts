/** `sectorpress clean`: remove the output folder and the cache — the output only if it is safe to. */
import { cleanUsage } from './usage.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { cacheFolder } from '../shared/cache-folder.js';
import { hasErrors } from '../shared/errors.js';
import { guardOutputFolder, siteFoldersOf } from '../output/guard-output-folder.js';
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
  const cache = cacheFolder(root);
  // The same guard as `build`: never the sources or home, and only an output folder a build made.
  const guarded = await guardOutputFolder(config.value.outDir, { site: siteFoldersOf(config.value, cache), records: cache });
  if (hasErrors(guarded.problems)) {
    const hint = 'Delete it yourself if everything in it may go: `clean` removes only an output folder a build made.';
    reportProblems(
      io,
      guarded.problems.map((problem) => (problem.code === 'output/not-ours' ? { ...problem, hint } : problem)),
      { warnings: false },
    );
    io.err('Nothing was removed.');
    return 1;
  }
  await fs.rm(config.value.outDir, { recursive: true, force: true });
  await fs.rm(cache, { recursive: true, force: true });
  io.out(`Removed ${path.relative(process.cwd(), config.value.outDir) || '.'} and the cache.`);
  return 0;
}

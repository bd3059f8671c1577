/** The built site a command works on (`serve`, `check`): the config and its output folder, which must hold a build. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/types.js';
import { hasErrors } from '../shared/errors.js';
import { reportProblems, type CliIo } from './cli-io.js';
import { stringFlag } from './parse-flags.js';

/**
 * Load the site at `site` (default: the current folder) with `--out` and `--base-url` applied, and check
 * that its output folder holds a build. A config error or a missing build is reported on `io` and gives
 * `undefined`: the command exits 1.
 */
export async function findBuiltSite(site: string | undefined, values: { out?: string | boolean; 'base-url'?: string | boolean }, io: CliIo): Promise<Config | undefined> {
  const root = path.resolve(site ?? '.');
  const out = stringFlag(values.out);
  const config = await loadConfig(root, { outDir: out === undefined ? undefined : path.resolve(out), url: stringFlag(values['base-url']) });
  if (hasErrors(config.problems)) {
    reportProblems(io, config.problems, { warnings: false });
    return undefined;
  }
  const dir = config.value.outDir;
  const built = await fs.stat(path.join(dir, 'index.html')).then(
    (stat) => stat.isFile(),
    () => false,
  );
  if (!built) {
    io.err(`${path.relative(process.cwd(), dir) || '.'} holds no built site (no index.html).\n  Build it first: sectorpress build${site ? ` ${site}` : ''}`);
    return undefined;
  }
  return config.value;
}

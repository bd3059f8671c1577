/** The built site a command works on (`serve`, `check`): the config and its output folder, which must hold a build. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/types.js';
import { basePathOf } from '../config/base-path.js';
import { readBuiltFor } from '../shared/built-for.js';
import { hasErrors } from '../shared/errors.js';
import { reportProblems, type CliIo } from './cli-io.js';
import { stringFlag } from './parse-flags.js';

/**
 * Load the site at `site` (default: the current folder) with `--out` and `--base-url` applied, and check
 * that its output folder holds a build. Without `--base-url` the site keeps the address its last build
 * was made for (its links point there), saying so when that path is not the config's; `doing` names
 * what the command then does there ("serving"). A config error or a missing build is reported on `io`
 * and gives `undefined`: the command exits 1.
 */
export async function findBuiltSite(site: string | undefined, values: { out?: string | boolean; 'base-url'?: string | boolean }, io: CliIo, doing: string): Promise<Config | undefined> {
  const root = path.resolve(site ?? '.');
  const out = stringFlag(values.out);
  const outDir = out === undefined ? undefined : path.resolve(out);
  let config = await loadConfig(root, { outDir, url: stringFlag(values['base-url']) });
  const builtFor = values['base-url'] === undefined && config.value ? await readBuiltFor(root, config.value.outDir) : undefined;
  if (builtFor !== undefined && builtFor !== config.value.url) {
    if (basePathOf(builtFor) !== config.value.basePath) io.err(`This site was built for ${basePathOf(builtFor)}; ${doing} it there.`);
    config = await loadConfig(root, { outDir, url: builtFor });
  }
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

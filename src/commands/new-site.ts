/** `sectorpress new site DIR`: a new site folder copied from the example site. */
import { newSiteUsage } from './usage.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../shared/package-root.js';
import { DEFAULT_OUTPUT_FOLDER } from '../shared/site-layout.js';
import { UsageError, type CliIo } from './cli-io.js';
import { parseFlags } from './parse-flags.js';

const SKIP = new Set([DEFAULT_OUTPUT_FOLDER, 'node_modules', '.cache']);
/** What `npm init` and `npm install sectorpress` leave in a new project folder: the site may go in beside them. */
const PROJECT_FILES = new Set(['package.json', 'package-lock.json', 'node_modules', '.git', '.gitignore', '.npmrc']);

/** Copy the example site into `target`, which must not exist or hold nothing but npm/git project files. */
export async function scaffoldSite(target: string): Promise<void> {
  const existing = (await fs.readdir(target).catch(() => [] as string[])).filter((name) => !PROJECT_FILES.has(name));
  if (existing.length > 0) throw new Error(`${target} is not empty (it holds ${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''}); choose a new folder.`);
  const example = path.join(packageRoot(), 'examples', 'children-services-blog');
  await fs.cp(example, target, { recursive: true, filter: (source) => !SKIP.has(path.basename(source)) });
}

export async function runNewSite(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, {}, newSiteUsage);
  if (values.help) {
    io.out(newSiteUsage);
    return 0;
  }
  const dir = positionals[0];
  if (!dir) throw new UsageError('Say where to create the site: sectorpress new site my-blog', newSiteUsage);
  try {
    await scaffoldSite(path.resolve(dir));
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const next = path.resolve(dir) === process.cwd() ? '' : ` ${dir}`;
  // `npx`: a local install (`npm install --save-dev sectorpress`) puts no `sectorpress` on PATH.
  io.out(`Created ${dir === '.' ? 'the site here' : dir}. Next: npx sectorpress dev${next}  (or: npx sectorpress build${next})`);
  return 0;
}

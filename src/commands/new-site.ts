/** `sectorpress new site DIR`: a new site folder copied from the example site. */
import { newSiteUsage } from './usage.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../shared/package-root.js';
import { UsageError, type CliIo } from './cli-io.js';
import { parseFlags } from './parse-flags.js';

const SKIP = new Set(['_site', 'node_modules', '.cache']);

/** Copy the example site into `target`, which must not exist or must be empty. */
export async function scaffoldSite(target: string): Promise<void> {
  const existing = await fs.readdir(target).catch(() => [] as string[]);
  if (existing.length > 0) throw new Error(`${target} is not empty; choose a new folder.`);
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
  io.out(`Created ${dir}. Next: sectorpress build ${dir}  (or: sectorpress dev ${dir})`);
  return 0;
}

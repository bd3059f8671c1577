/**
 * Which folders a build may replace. Every build swaps its output folder in whole, so the
 * folder must never hold anything else: not the site's sources (whatever the flags say), and
 * not a folder sectorpress did not make unless the user asks for it to be replaced.
 * Paths are compared after resolving symbolic links, so a linked site path cannot slip past.
 */
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Config } from '../config/types.js';
import { errorProblem, staged, type Problem, type Staged } from '../shared/errors.js';
import { inspectOutputFolder, recordFileFor, type FolderState } from './output-ownership.js';
import { restampManifest } from './restamp-manifest.js';

/** A folder the output must keep clear of, with the words that name it to the user. */
interface GuardedFolder {
  readonly folder: string;
  readonly label: string;
}

/** The folders an output folder must keep clear of (absolute; they need not exist). */
export interface SiteFolders {
  /** The site folder: output folders are named relative to it in messages. */
  readonly root: string;
  /** The output may be inside these (`_site` in the site folder) but never be them or contain them. */
  readonly above: readonly GuardedFolder[];
  /** The output may be neither these, nor inside them, nor contain them: the sources and the cache. */
  readonly around: readonly GuardedFolder[];
}

/** What `guardOutputFolder` needs to know besides the output folder. */
export interface OutputGuard {
  readonly site: SiteFolders;
  /** The folder holding the records of output folders sectorpress made (the cache folder). */
  readonly records: string;
  /** The previous build's manifest: recognises an output written before records were kept. */
  readonly manifestPath?: string;
  /** Replace a folder sectorpress did not make (`--replace-out`); never one of the site's folders. */
  readonly replace?: boolean;
}

/** The guard's finding about an output folder it lets through. */
export interface GuardVerdict {
  /** The output folder with symbolic links resolved. */
  readonly realOut: string;
  readonly state: FolderState;
  /** Where the record of this output folder is kept. */
  readonly recordFile: string;
}

const SOURCE_FOLDERS = ['posts', 'pages', 'events', 'data', 'static', 'theme'] as const;

/** The home folder, unless it is unset or `/` (as for some service accounts), which would refuse every folder. */
function homeFolder(): GuardedFolder[] {
  const home = os.homedir();
  return home && path.resolve(home) !== path.parse(path.resolve(home)).root ? [{ folder: home, label: 'your home folder' }] : [];
}

/** The folders of `config`'s site that an output folder must keep clear of. */
export function siteFoldersOf(config: Config, cache: string): SiteFolders {
  const above: GuardedFolder[] = [{ folder: config.root, label: 'the site folder' }];
  if (config.configFile) above.push({ folder: path.dirname(config.configFile), label: 'the folder of the config file' });
  above.push(...homeFolder());
  const around: GuardedFolder[] = SOURCE_FOLDERS.map((name) => ({ folder: path.join(config.root, name), label: `the site's ${name} folder (${name}/)` }));
  around.push({ folder: config.theme, label: `the theme in use (${config.theme})` }, { folder: cache, label: `the cache folder (${cache})` });
  return { root: config.root, above, around };
}

/** `target` with symbolic links resolved: the real path of its nearest existing ancestor, plus the rest. */
async function realPathOf(target: string): Promise<string> {
  const missing: string[] = [];
  for (let current = path.resolve(target); ; current = path.dirname(current)) {
    try {
      return path.join(await fs.realpath(current), ...missing.reverse());
    } catch {
      if (path.dirname(current) === current) return path.resolve(target);
      missing.push(path.basename(current));
    }
  }
}

/** Whether `inner` is `outer` or lies inside it (both absolute and resolved). */
function within(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
}

/** Why `realOut` may never be an output folder, or `undefined`. Every path must already be real. */
function forbiddenReason(realOut: string, site: SiteFolders): string | undefined {
  if (realOut === path.parse(realOut).root) return 'it is the root of the file system';
  for (const { folder, label } of site.around) {
    if (realOut === folder) return `it is ${label}`;
    if (within(realOut, folder)) return `it is inside ${label}`;
    if (within(folder, realOut)) return `it contains ${label}`;
  }
  for (const { folder, label } of site.above) {
    if (realOut === folder) return `it is ${label}`;
    if (within(folder, realOut)) return `it contains ${label}`;
  }
  return undefined;
}

async function realFolders(folders: readonly GuardedFolder[]): Promise<GuardedFolder[]> {
  return Promise.all(folders.map(async ({ folder, label }) => ({ folder: await realPathOf(folder), label })));
}

/** Why `outDir` may never be an output folder (after resolving every link), or `undefined`. */
async function forbiddenOutDir(outDir: string, site: SiteFolders): Promise<string | undefined> {
  const [realOut, above, around] = await Promise.all([realPathOf(outDir), realFolders(site.above), realFolders(site.around)]);
  return forbiddenReason(realOut, { root: site.root, above, around });
}

/** The output folder as the user would name it: relative to the site folder when inside it. */
function displayFolder(folder: string, root: string): string {
  const relative = path.relative(root, folder);
  return relative !== '' && within(folder, root) ? relative.split(path.sep).join('/') : folder;
}

function refusal(outDir: string, root: string, reason: string, hint: string, code: string): Problem {
  const shown = displayFolder(path.resolve(outDir), root);
  return errorProblem({ code, message: `Refusing to use ${shown} as the output folder: ${reason}. Each build replaces its output folder completely.`, hint, file: shown });
}

/** The error for an output folder that may never be one (the sources, home, `/`), or `undefined`. */
export async function forbiddenProblem(outDir: string, site: SiteFolders): Promise<Problem | undefined> {
  const forbidden = await forbiddenOutDir(outDir, site);
  if (!forbidden) return undefined;
  return refusal(
    outDir,
    site.root,
    forbidden,
    'Choose an output folder of its own outside the site’s sources, such as `_site` in the site folder (the default). --replace-out does not change this.',
    'output/unsafe-out-dir',
  );
}

/** The folders to keep clear of when only the site folder is known (plus the home folder). */
export function siteRootFolders(root: string): SiteFolders {
  return { root, above: [{ folder: root, label: 'the site folder' }, ...homeFolder()], around: [] };
}

/**
 * Check `outDir` may be replaced by a build: never a folder of the site's sources, its home
 * or their parents; and, unless `guard.replace`, only a missing or empty folder or one this
 * site's builds made.
 *
 * @example
 * const { problems } = await guardOutputFolder('/site/posts', guard); // refused: it is the posts folder
 */
export async function guardOutputFolder(outDir: string, guard: OutputGuard): Promise<Staged<GuardVerdict | undefined>> {
  const forbidden = await forbiddenProblem(outDir, guard.site);
  return forbidden ? staged(undefined, [forbidden]) : checkOwnership(outDir, guard);
}

/** The ownership half of `guardOutputFolder`, for a caller that has already refused forbidden folders. */
export async function checkOwnership(outDir: string, guard: OutputGuard): Promise<Staged<GuardVerdict | undefined>> {
  const realOut = await realPathOf(outDir);
  const recordFile = recordFileFor(guard.records, realOut);
  const state = await inspectOutputFolder(outDir, { recordFile, manifestPath: guard.manifestPath });
  if (state.kind === 'foreign' && !guard.replace) {
    return staged(undefined, [
      refusal(
        outDir,
        guard.site.root,
        `it ${state.what}`,
        'Build into a new or empty folder (the default is `_site`), or, if everything in it may be deleted, build with --replace-out (`replaceOutDir: true`). To publish into a git worktree, see docs/getting-started.md.',
        'output/not-ours',
      ),
    ]);
  }
  if (state.kind === 'ours' && state.byManifest && guard.manifestPath) await restampManifest(outDir, state.byManifest, guard.manifestPath);
  return staged({ realOut, state, recordFile });
}

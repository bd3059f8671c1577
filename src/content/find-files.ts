/**
 * Glob a folder without ever leaving what it may read: symbolic links are resolved by hand
 * and admitted by the rule in admit-path.ts; the rest are skipped with a warning.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import type { Problem } from '../shared/errors.js';
import { forEachLimited } from '../shared/for-each-limited.js';
import { admitLink, identify, refuseFolder, type AdmitScope } from './admit-path.js';
import type { FileIdentity } from '../shared/file-identity.js';

const LINK_CONCURRENCY = 64;

export interface FindOptions {
  /** Include dotfiles (only `static/` does, for `.well-known/`). */
  readonly dot: boolean;
  readonly ignore?: readonly string[];
  /** Where links may lead (default: inside the folder searched, which is the site). */
  readonly scope?: AdmitScope;
  /** How a found path is named in warnings (default: as found, relative to the folder). */
  readonly display?: (relativePath: string) => string;
}

/** A file found and admitted: its path relative to the folder searched (posix), and what it was then. */
export interface AdmittedFile {
  readonly relativePath: string;
  readonly identity: FileIdentity;
}

/** Code-unit order, not locale order, so output is identical on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Regular files and admitted links matching `pattern`, each with the real file it is. */
async function findAdmitted(folder: string, pattern: string, options: FindOptions, problems: Problem[]): Promise<{ relativePath: string; real: string }[]> {
  const realFolder = await fs.realpath(folder);
  const scope: AdmitScope = options.scope ?? { realFolders: [realFolder], description: 'the site folder' };
  const display = options.display ?? ((relative: string) => relative);
  if (pattern.includes('/')) {
    const top = pattern.split('/')[0] ?? pattern;
    const refused = await refuseFolder(path.join(realFolder, top), scope, display(top));
    if (refused) {
      problems.push(refused);
      return [];
    }
  }
  const entries = await fg(pattern, { cwd: realFolder, dot: options.dot, onlyFiles: false, followSymbolicLinks: false, objectMode: true, ignore: [...(options.ignore ?? [])] });
  const found = entries.filter((entry) => entry.dirent.isFile()).map((entry) => ({ relativePath: entry.path, real: path.join(realFolder, entry.path) }));
  const links = entries.filter((entry) => entry.dirent.isSymbolicLink()).map((entry) => entry.path);
  await forEachLimited(links, LINK_CONCURRENCY, async (link) => {
    const verdict = await admitLink(path.join(realFolder, link), scope, display(link));
    if ('real' in verdict) found.push({ relativePath: link, real: verdict.real });
    else problems.push(verdict);
  });
  return found.sort((a, b) => compareText(a.relativePath, b.relativePath));
}

/**
 * Files matching `pattern` under `root`, as sorted posix paths relative to it.
 * `problems` receives a warning for every link that was not followed.
 */
export async function findFiles(root: string, pattern: string, options: FindOptions, problems: Problem[]): Promise<string[]> {
  return (await findAdmitted(root, pattern, options, problems)).map((file) => file.relativePath);
}

/**
 * As `findFiles`, each file with its identity at admission, for files that are read again
 * later (static files the dev server serves on request). One that stopped being a regular
 * file since the glob saw it is left out: the watcher's next rebuild looks again.
 */
export async function findIdentifiedFiles(root: string, pattern: string, options: FindOptions, problems: Problem[]): Promise<AdmittedFile[]> {
  const admitted: AdmittedFile[] = [];
  await forEachLimited(await findAdmitted(root, pattern, options, problems), LINK_CONCURRENCY, async (file) => {
    const identity = await identify(file.real);
    if (identity) admitted.push({ relativePath: file.relativePath, identity });
  });
  return admitted.sort((a, b) => compareText(a.relativePath, b.relativePath));
}

/**
 * Glob a site folder without ever leaving it: symbolic links are resolved by hand, and
 * one pointing outside the site (or in a loop, or nowhere) is skipped with a warning.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { warningProblem, type Problem } from '../shared/errors.js';
import { forEachLimited } from '../shared/for-each-limited.js';

const LINK_CONCURRENCY = 64;

export interface FindOptions {
  /** Include dotfiles (only `static/` does, for `.well-known/`). */
  readonly dot: boolean;
  readonly ignore?: readonly string[];
}

/** Code-unit order, not locale order, so output is identical on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isInside(realRoot: string, real: string): boolean {
  const relative = path.relative(realRoot, real);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function skipped(relativePath: string, code: string, message: string, hint: string): Problem {
  return warningProblem({ code, message, hint, file: relativePath });
}

/** A symlink found by the glob → keep it (`true`) or say why not. */
async function checkLink(realRoot: string, relativePath: string): Promise<true | Problem> {
  let real: string;
  try {
    real = await fs.realpath(path.join(realRoot, relativePath));
  } catch (error) {
    const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
    return loop
      ? skipped(relativePath, 'load/symlink-loop', 'Skipped: this link leads round in a loop.', 'Remove the link or point it at a real file.')
      : skipped(relativePath, 'load/broken-link', 'Skipped: this link points at nothing.', 'Remove the link or point it at a real file.');
  }
  if (!isInside(realRoot, real)) {
    return skipped(relativePath, 'load/outside-site', 'Skipped: this is a link to a file outside the site folder.', 'Copy the file into the site instead of linking to it.');
  }
  const isFile = await fs.stat(real).then((stat) => stat.isFile(), () => false);
  return isFile || skipped(relativePath, 'load/link-not-followed', 'Skipped: links to folders are not followed.', 'Move the folder into the site instead of linking to it.');
}

/** Whether the top folder of `pattern` (e.g. `posts`) itself leads outside the site. */
async function topFolderOutside(realRoot: string, pattern: string): Promise<boolean> {
  const top = pattern.split('/')[0] ?? '';
  const real = await fs.realpath(path.join(realRoot, top)).catch(() => undefined);
  return real !== undefined && !isInside(realRoot, real);
}

/**
 * Files matching `pattern` under `root`, as sorted posix paths relative to it.
 * `problems` receives a warning for every link that was not followed.
 */
export async function findFiles(root: string, pattern: string, options: FindOptions, problems: Problem[]): Promise<string[]> {
  const realRoot = await fs.realpath(root);
  if (await topFolderOutside(realRoot, pattern)) {
    const top = pattern.split('/')[0] ?? pattern;
    problems.push(skipped(top, 'load/outside-site', `Skipped: ${top}/ is a link to a folder outside the site folder.`, `Move the folder into the site instead of linking to it.`));
    return [];
  }
  const entries = await fg(pattern, { cwd: realRoot, dot: options.dot, onlyFiles: false, followSymbolicLinks: false, objectMode: true, ignore: [...(options.ignore ?? [])] });
  const files = entries.filter((entry) => entry.dirent.isFile()).map((entry) => entry.path);
  const links = entries.filter((entry) => entry.dirent.isSymbolicLink()).map((entry) => entry.path);
  await forEachLimited(links, LINK_CONCURRENCY, async (link) => {
    const verdict = await checkLink(realRoot, link);
    if (verdict === true) files.push(link);
    else problems.push(verdict);
  });
  return files.sort(compareText);
}

/**
 * The one rule for following symbolic links, used by every folder the build reads (content,
 * `static/`, and every theme layer): a link is followed only to a regular file inside one of
 * the allowed folders (the site, or the theme layer it sits in), compared after resolving links.
 * Anything else is skipped with a warning naming the link and where it points.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { warningProblem, type Problem } from '../shared/errors.js';
import { identityOf, type FileIdentity } from '../shared/file-identity.js';

/** Where links may lead, and how to name that in a message. */
export interface AdmitScope {
  /** Real (link-free) absolute folders a link may lead into. */
  readonly realFolders: readonly string[];
  /** e.g. `the site folder`, `the site folder or the theme folder`. */
  readonly description: string;
}

/** `real` lies strictly below `realFolder` (both already resolved). */
function isInside(realFolder: string, real: string): boolean {
  const relative = path.relative(realFolder, real);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function insideAny(scope: AdmitScope, real: string): boolean {
  return scope.realFolders.some((folder) => isInside(folder, real));
}

function skipped(display: string, code: string, message: string, hint: string): Problem {
  return warningProblem({ code, message, hint, file: display });
}

/** Where a link says it points, for messages (its raw target when it cannot be resolved). */
async function linkTarget(link: string): Promise<string> {
  return fs.readlink(link).catch(() => '?');
}

/**
 * A symbolic link found in a folder being read → the real file it leads to, or a warning
 * saying why it is not followed. `display` names the link in the warning.
 */
export async function admitLink(link: string, scope: AdmitScope, display: string): Promise<{ real: string } | Problem> {
  let real: string;
  try {
    real = await fs.realpath(link);
  } catch (error) {
    const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
    return loop
      ? skipped(display, 'load/symlink-loop', 'Skipped: this link leads round in a loop.', 'Remove the link or point it at a real file.')
      : skipped(display, 'load/broken-link', `Skipped: this link points at nothing (${await linkTarget(link)}).`, 'Remove the link or point it at a real file.');
  }
  if (!insideAny(scope, real)) {
    return skipped(display, 'load/outside-site', `Skipped: this is a link to a file outside ${scope.description} (${real}).`, 'Copy the file in instead of linking to it.');
  }
  const stats = await fs.stat(real).catch(() => undefined);
  if (stats?.isFile()) return { real };
  return stats?.isDirectory()
    ? skipped(display, 'load/link-not-followed', `Skipped: links to folders are not followed (this one leads to ${real}).`, 'Move the folder in instead of linking to it.')
    : skipped(display, 'load/link-not-followed', `Skipped: this link leads to ${real}, which is not a regular file.`, 'Point the link at a regular file, or remove it.');
}

/**
 * A folder about to be read (e.g. `posts/`, a theme's `partials/`) that is itself a link
 * leading outside the scope → a warning; otherwise `undefined` (also when it does not exist).
 */
export async function refuseFolder(folder: string, scope: AdmitScope, display: string): Promise<Problem | undefined> {
  const real = await fs.realpath(folder).catch(() => undefined);
  if (real === undefined || insideAny(scope, real)) return undefined;
  return skipped(display, 'load/outside-site', `Skipped: ${display}/ is a link to a folder outside ${scope.description} (${real}).`, 'Move the folder in instead of linking to it.');
}

/**
 * The identity of an admitted file, taken without following a link at its last step, or
 * `undefined` when it is no longer a regular file (it changed since it was admitted).
 */
export async function identify(real: string): Promise<FileIdentity | undefined> {
  const stats = await fs.lstat(real).catch(() => undefined);
  return stats?.isFile() ? identityOf(stats) : undefined;
}

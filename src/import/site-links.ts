/**
 * Symbolic links on the way to a file: the importer writes only real files in real folders under the site
 * folder, and copies only real files from inside a media folder, so a link (`posts` → elsewhere, an uploads
 * file → `/etc/passwd`) can neither send a write out of the site nor bring a file in from outside.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The first part of `relative` (posix, under `root`) that is a symbolic link, as a path relative to `root`,
 * or `undefined` when there is none. A part that does not exist ends the walk: nothing below it can be a link.
 * `root` itself is the user's choice and may be a link.
 *
 * @example
 * await linkOnPath('my-site', 'posts/2019-05-12-a.md'); // 'posts' when my-site/posts is a link
 */
export async function linkOnPath(root: string, relative: string): Promise<string | undefined> {
  const parts = relative.split('/');
  for (let count = 1; count <= parts.length; count += 1) {
    const part = parts.slice(0, count).join('/');
    const info = await fs.lstat(path.join(root, ...parts.slice(0, count))).catch(() => undefined);
    if (!info) return undefined;
    if (info.isSymbolicLink()) return part;
  }
  return undefined;
}

/** The report line's reason for a link found by `linkOnPath`. */
export function linkReason(link: string, relative: string): string {
  return link === relative ? `${link} is a symbolic link` : `${link} (on the way to it) is a symbolic link`;
}

/** Why the site file `relative` may not be written (a link on its way, never written through), or `undefined`. */
export async function linkedWriteRefusal(siteFolder: string, relative: string): Promise<string | undefined> {
  const link = await linkOnPath(path.resolve(siteFolder), relative);
  return link === undefined ? undefined : `${linkReason(link, relative)} in the site folder, and nothing is written through a link`;
}

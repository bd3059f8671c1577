/** Where the `theme` setting points: the bundled theme, a folder, or an installed package. */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bundledThemeFolder } from '../shared/package-root.js';

function isFolder(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

function looksLikePath(theme: string): boolean {
  return theme.startsWith('.') || path.isAbsolute(theme) || theme.includes('\\');
}

/**
 * Resolve `theme` against the site folder. A path (or an existing folder name) wins;
 * otherwise it is looked up as a package installed for the site.
 *
 * @example
 * resolveThemeFolder('/sites/blog', undefined); // → { folder: '<package>/theme' }
 * resolveThemeFolder('/sites/blog', './my-theme'); // → { folder: '/sites/blog/my-theme' }
 */
export function resolveThemeFolder(root: string, theme: string | undefined): { folder: string } | { reason: string } {
  if (theme === undefined) return { folder: bundledThemeFolder() };
  const local = path.resolve(root, theme);
  if (isFolder(local)) return { folder: local };
  if (looksLikePath(theme)) return { reason: `there is no folder ${local}` };
  return findPackage(root, theme) ?? { reason: 'it is neither a folder in the site nor an installed package' };
}

/** Node's own lookup first; then node_modules folders upwards, for packages whose `exports` hide package.json. */
function findPackage(root: string, name: string): { folder: string } | undefined {
  try {
    return { folder: path.dirname(createRequire(path.join(root, 'package.json')).resolve(`${name}/package.json`)) };
  } catch {
    for (let dir = root; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name);
      if (isFolder(candidate)) return { folder: candidate };
      if (path.dirname(dir) === dir) return undefined;
    }
  }
}

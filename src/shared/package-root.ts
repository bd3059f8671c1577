/** Where the installed package lives: this file sits in `src/shared/` (or `dist/shared/`), two levels below it. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** The default theme shipped in the package (`<package root>/theme`). */
export function bundledThemeFolder(): string {
  return path.join(packageRoot(), 'theme');
}

/**
 * Where one of the package's docs is, as a path a user can open from the current folder:
 * `node_modules/sectorpress/docs/configuration.md` in a site, `docs/configuration.md` in this repository.
 */
export function docsFile(name: string): string {
  const file = path.join(packageRoot(), 'docs', name);
  const relative = path.relative(process.cwd(), file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

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

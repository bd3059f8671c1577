/**
 * The three theme layers, highest priority first: the site's `theme/` overrides,
 * the configured theme (a fork or a package), the bundled default theme. A file
 * is taken from the first layer that has it, so a fork may be partial.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import type { Config } from '../config/types.js';
import { packageRoot } from '../package-root.js';

export interface ThemeFile {
  /** Relative to its layer, posix: `partials/byline.hbs`. */
  readonly relativePath: string;
  readonly absolutePath: string;
  /** For messages: site-relative when inside the site, else the absolute path. */
  readonly displayPath: string;
}

export function bundledThemeFolder(): string {
  return path.join(packageRoot(), 'theme');
}

export function themeLayers(config: Config): string[] {
  const layers = [path.join(config.root, 'theme'), config.theme, bundledThemeFolder()];
  return [...new Set(layers.map((layer) => path.resolve(layer)))].filter((layer) => existsSync(layer));
}

function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

/** Every file matching `pattern` across the layers, the highest layer winning per relative path. */
export async function findThemeFiles(layers: readonly string[], pattern: string, root: string): Promise<Map<string, ThemeFile>> {
  const files = new Map<string, ThemeFile>();
  for (const layer of layers) {
    for (const relativePath of (await fg(pattern, { cwd: layer, onlyFiles: true })).sort()) {
      if (files.has(relativePath)) continue;
      const absolutePath = path.join(layer, relativePath);
      files.set(relativePath, { relativePath, absolutePath, displayPath: displayPath(root, absolutePath) });
    }
  }
  return files;
}

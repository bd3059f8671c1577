/**
 * The three theme layers, highest priority first: the site's `theme/` overrides,
 * the configured theme (a fork or a package), the bundled default theme. A file
 * is taken from the first layer that has it, so a fork may be partial.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import type { Config } from '../config/types.js';
import { packageRoot } from '../shared/package-root.js';

export interface ThemeFile {
  /** Relative to its layer, posix: `partials/byline.hbs`. */
  readonly relativePath: string;
  readonly absolutePath: string;
  /**
   * For messages: site-relative when inside the site (`theme/partials/byline.hbs`),
   * `sectorpress/theme/…` in the bundled theme, else `<theme folder name>/…`.
   */
  readonly displayPath: string;
}

/** The default theme shipped in the package (`<package root>/theme`). */
export function bundledThemeFolder(): string {
  return path.join(packageRoot(), 'theme');
}

/** Existing layer folders, highest priority first, without duplicates. */
export function themeLayers(config: Pick<Config, 'root' | 'theme'>): string[] {
  const layers = [path.join(config.root, 'theme'), config.theme, bundledThemeFolder()];
  return [...new Set(layers.map((layer) => path.resolve(layer)))].filter((layer) => existsSync(layer));
}

function posix(file: string): string {
  return file.split(path.sep).join('/');
}

/** A short, stable name for a theme file in messages. */
export function themeDisplayPath(root: string, layer: string, relativePath: string): string {
  const absolute = path.join(layer, relativePath);
  const fromRoot = path.relative(root, absolute);
  if (!fromRoot.startsWith('..') && !path.isAbsolute(fromRoot)) return posix(fromRoot);
  const name = path.resolve(layer) === path.resolve(bundledThemeFolder()) ? 'sectorpress/theme' : path.basename(layer);
  return `${name}/${posix(relativePath)}`;
}

/** Every file matching `pattern` across the layers, the highest layer winning per relative path. */
export async function findThemeFiles(layers: readonly string[], pattern: string, root: string): Promise<Map<string, ThemeFile>> {
  const files = new Map<string, ThemeFile>();
  for (const layer of layers) {
    for (const relativePath of (await fg(pattern, { cwd: layer, onlyFiles: true })).sort()) {
      if (files.has(relativePath)) continue;
      const absolutePath = path.join(layer, relativePath);
      files.set(relativePath, { relativePath, absolutePath, displayPath: themeDisplayPath(root, layer, relativePath) });
    }
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

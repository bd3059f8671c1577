/**
 * The three theme layers, highest priority first: the site's `theme/` overrides,
 * the configured theme (a fork or a package), the bundled default theme. A file
 * is taken from the first layer that has it, so a fork may be partial.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/types.js';
import { bundledThemeFolder } from '../shared/package-root.js';
import { THEME_FOLDER } from '../shared/site-layout.js';
import { findFiles } from '../content/find-files.js';
import type { Problem } from '../shared/errors.js';

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

/** Existing layer folders, highest priority first, without duplicates. */
export function themeLayers(config: Pick<Config, 'root' | 'theme'>): string[] {
  const layers = [path.join(config.root, THEME_FOLDER), config.theme, bundledThemeFolder()];
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

/**
 * Every file matching `pattern` across the layers, the highest layer winning per relative path.
 * A link in a layer is followed only to a file inside the site or inside that layer's own
 * folder (a theme cloned from a stranger must not publish `/etc/passwd`); the rest are
 * skipped with a warning in `problems`, as if absent, so a lower layer's file is used instead.
 */
export async function findThemeFiles(layers: readonly string[], pattern: string, root: string, problems: Problem[]): Promise<Map<string, ThemeFile>> {
  const files = new Map<string, ThemeFile>();
  const realRoot = await fs.realpath(root).catch(() => path.resolve(root));
  for (const layer of layers) {
    const realLayer = await fs.realpath(layer).catch(() => undefined);
    if (realLayer === undefined) continue;
    const scope = { realFolders: [realRoot, realLayer], description: 'the site folder and the theme folder' };
    const display = (relativePath: string): string => themeDisplayPath(root, layer, relativePath);
    for (const relativePath of await findFiles(layer, pattern, { dot: false, scope, display }, problems)) {
      if (files.has(relativePath)) continue;
      files.set(relativePath, { relativePath, absolutePath: path.join(layer, relativePath), displayPath: display(relativePath) });
    }
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

/** Theme assets get content-hashed names so pages can tell browsers to cache them forever. */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { OutputFile } from '../shared/output-file.js';
import { findThemeFiles } from './theme-layers.js';

export interface HashedAssets {
  /** `css/site.css` → `/assets/css/site.3f9a1c2b7d.css`. */
  readonly urls: ReadonlyMap<string, string>;
  readonly files: readonly OutputFile[];
}

/** `assets/css/site.css` with these bytes → `assets/css/site.<10 hex digits>.css`. */
export function hashedAssetPath(name: string, contents: Uint8Array): string {
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 10);
  const extension = path.posix.extname(name);
  return `assets/${name.slice(0, name.length - extension.length)}.${hash}${extension}`;
}

/** Every file under `assets/` across the layers (the highest layer wins per path), hashed. */
export async function hashThemeAssets(layers: readonly string[], root: string): Promise<HashedAssets> {
  const urls = new Map<string, string>();
  const files: OutputFile[] = [];
  for (const file of (await findThemeFiles(layers, 'assets/**/*', root)).values()) {
    const contents = await fs.readFile(file.absolutePath);
    const output = hashedAssetPath(file.relativePath.slice('assets/'.length), contents);
    urls.set(file.relativePath.slice('assets/'.length), `/${output}`);
    files.push({ path: output, contents });
  }
  return { urls, files };
}

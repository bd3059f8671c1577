/**
 * Rendered pages with memory between runs of one builder: a page is rendered again only when
 * its signature (render/page-signature.ts) changed. On a builder's first run, pages may also
 * be kept from the previous build's output (render/page-cache.ts) under the same signatures.
 * Entries are replaced, never changed: a file handed out by an earlier run stays as it was.
 */
import path from 'node:path';
import type { Site } from '../model/types.js';
import type { OutputFile } from '../shared/output-file.js';
import type { Theme } from '../render/load-theme.js';
import { reusablePages, type PreviousBuild } from '../render/page-cache.js';
import { pageSignature } from '../render/page-signature.js';
import { renderPages } from '../render/render-pages.js';
import type { Route } from '../routes/types.js';
import type { StageRunner } from './stage-runner.js';

interface Remembered {
  readonly signature: string;
  readonly file: OutputFile;
}

/** This run's pages: every page's file in route order, and each page's signature (for the on-disk record). */
export interface RenderedPages {
  readonly files: readonly OutputFile[];
  readonly signatures: ReadonlyMap<string, string>;
  readonly rendered: number;
}

export class PageMemory {
  private pages = new Map<string, Remembered>();

  /**
   * Every page of `routes`, rendering only those whose signature changed (or that `previous` cannot
   * supply).
   */
  async render(site: Site, routes: readonly Route[], global: string, theme: Theme, runner: StageRunner, previous?: PreviousBuild): Promise<RenderedPages> {
    const signatures = new Map(routes.map((route) => [route.outputPath, pageSignature(route, global)]));
    const next = new Map<string, Remembered>();
    if (previous) {
      const kept = await runner.run('reuse', () => reusablePages(signatures, global, previous));
      for (const [file, fingerprint] of kept) next.set(file, { signature: signatures.get(file) as string, file: { path: file, copyFrom: path.join(previous.outDir, file), fingerprint } });
    }
    for (const [file, signature] of signatures) {
      const known = this.pages.get(file);
      if (!next.has(file) && known?.signature === signature) next.set(file, known);
    }
    const stale = routes.filter((route) => !next.has(route.outputPath));
    const fresh = await runner.run('render', () => renderPages(site, stale, theme));
    const byPath = new Map(fresh.map((file) => [file.path, file]));
    for (const route of stale) {
      const file = byPath.get(route.outputPath);
      if (file) next.set(route.outputPath, { signature: signatures.get(route.outputPath) as string, file });
    }
    this.pages = next;
    return { files: this.files(theme), signatures, rendered: stale.length };
  }

  /**
   * The body-edit path: the same routes as the last run, of which only those at `positions` may
   * show something new (`signatures` already holds their new signatures). Walking every page,
   * as `render` does, costs more than the edit itself on a large site.
   */
  async renderSome(site: Site, routes: readonly Route[], positions: readonly number[], signatures: ReadonlyMap<string, string>, theme: Theme, runner: StageRunner): Promise<RenderedPages> {
    const stale = positions.map((at) => routes[at] as Route).filter((route) => this.pages.get(route.outputPath)?.signature !== signatures.get(route.outputPath));
    const fresh = await runner.run('render', () => renderPages(site, stale, theme));
    // Replacing entries keeps the map's order (the route order); the files handed out before stay as they were.
    for (const file of fresh) this.pages.set(file.path, { signature: signatures.get(file.path) as string, file });
    return { files: this.files(theme), signatures, rendered: stale.length };
  }

  private files(theme: Theme): OutputFile[] {
    const files: OutputFile[] = [...theme.assetFiles];
    for (const entry of this.pages.values()) files.push(entry.file);
    return files;
  }
}

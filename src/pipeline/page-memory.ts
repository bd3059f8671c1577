/**
 * Rendered pages with memory between runs of one builder: a page is rendered again only when
 * its signature (render/page-signature.ts) changed. On a builder's first run, pages may also
 * be kept from the previous build's output (render/page-cache.ts) under the same signatures.
 * Entries are replaced, never changed: a file handed out by an earlier run stays as it was.
 */
import path from 'node:path';
import type { BodyFactReads } from '../model/body-fact-reads.js';
import type { Site } from '../model/types.js';
import type { OutputFile } from '../shared/output-file.js';
import type { Theme } from '../render/load-theme.js';
import { reusablePages, type PageGlobals, type PreviousBuild } from '../render/page-cache.js';
import { pageSignature } from '../render/page-signature.js';
import { renderPages, type RenderOptions } from '../render/render-pages.js';
import type { Route } from '../routes/types.js';
import { ListPositions } from './list-positions.js';
import type { StageRunner } from './stage-runner.js';
import { staged, type Problem, type Staged } from '../shared/errors.js';

/**
 * Where `build()` streams rendered files (output/staging-folder.ts): it writes them and hands
 * back stand-ins without their bytes, so pages are not all held until the write stage.
 */
export type FileSink = (files: readonly OutputFile[]) => Promise<OutputFile[]>;

/** Pages rendered between two hand-overs to the sink: their bytes are all that is held at once. */
const SINK_CHUNK = 400;

/** The page lists by output path (list-positions.ts). */
const pagePositions = new ListPositions<OutputFile>((file) => file.path);

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
  /** The last run's files, which a body edit patches rather than lists again. */
  private list: readonly OutputFile[] | undefined;
  /**
   * With `reads` (the site's posts watched through it), the pages whose last render read the
   * excerpt or reading time of a post not their own, and the pages kept from a previous build,
   * whose reads are not known (model/body-fact-reads.ts).
   */
  private readonly strays = new Set<string>();
  private readonly unread = new Set<string>();
  private readonly options: RenderOptions;
  /** The posts' excerpts and reading times the remembered pages were rendered with (`bodyFactsSignature`). */
  private bodyFacts: string | undefined;

  constructor(reads?: BodyFactReads) {
    const strayed = (route: Route, strayed: boolean): void => {
      this.unread.delete(route.outputPath);
      if (strayed) this.strays.add(route.outputPath);
      else this.strays.delete(route.outputPath);
    };
    this.options = reads ? { bodyFacts: { reads, strayed } } : {};
  }

  /**
   * True when every page's last render read the excerpt and reading time of its own posts only,
   * so a change to one post's shows on its own page and the lists it is on, nowhere else. False
   * without `reads`.
   */
  showsOwnBodyFactsOnly(): boolean {
    return this.options.bodyFacts !== undefined && this.pages.size > 0 && this.strays.size === 0 && this.unread.size === 0;
  }

  /**
   * Every page of `routes`, rendering only those whose signature changed (or that `previous` cannot
   * supply).
   */
  async render(site: Site, routes: readonly Route[], globals: PageGlobals, theme: Theme, runner: StageRunner, previous?: PreviousBuild, sink?: FileSink): Promise<RenderedPages> {
    const signatures = new Map(routes.map((route) => [route.outputPath, pageSignature(route, globals.global)]));
    const next = new Map<string, Remembered>();
    if (previous) {
      const kept = await runner.run('reuse', () => reusablePages(signatures, globals, previous));
      // What those pages read is known only from a record that says none read another post's excerpt.
      const known = previous.record?.ownBodyFactsOnly === true;
      for (const [file, fingerprint] of kept) {
        next.set(file, { signature: signatures.get(file) as string, file: { path: file, copyFrom: path.join(previous.outDir, file), fingerprint } });
        if (!known) this.unread.add(file);
      }
    }
    // A page's signature leaves out other posts' excerpts and reading times: when they changed, a page is
    // kept only if no page showed another post's.
    if (globals.bodyFacts === this.bodyFacts || this.showsOwnBodyFactsOnly()) {
      for (const [file, signature] of signatures) {
        const known = this.pages.get(file);
        if (!next.has(file) && known?.signature === signature) next.set(file, known);
      }
    }
    this.bodyFacts = globals.bodyFacts;
    const stale = routes.filter((route) => !next.has(route.outputPath));
    const fresh = await runner.run('render', () => (sink ? renderStreamed(site, stale, theme, sink, this.options) : renderPages(site, stale, theme, this.options)));
    const byPath = new Map(fresh.map((file) => [file.path, file]));
    for (const route of stale) {
      const file = byPath.get(route.outputPath);
      if (file) next.set(route.outputPath, { signature: signatures.get(route.outputPath) as string, file });
    }
    this.pages = next;
    // Pages gone with their routes take their notes with them.
    for (const notes of [this.strays, this.unread]) for (const file of notes) if (!next.has(file)) notes.delete(file);
    this.list = this.files(theme);
    return { files: this.list, signatures, rendered: stale.length };
  }

  /** Index the last run's files by path now, so the first body edit does not pay for it (a dev server warming up). */
  warmUp(): void {
    if (this.list) pagePositions.of(this.list);
  }

  /**
   * The body-edit path: the same routes as the last run, of which only those at `positions` may
   * show something new (`signatures` already holds their new signatures). Walking every page,
   * as `render` does, costs more than the edit itself on a large site.
   */
  async renderSome(site: Site, routes: readonly Route[], positions: readonly number[], signatures: ReadonlyMap<string, string>, theme: Theme, runner: StageRunner): Promise<RenderedPages> {
    const stale = positions.map((at) => routes[at] as Route).filter((route) => this.pages.get(route.outputPath)?.signature !== signatures.get(route.outputPath));
    // `renderPages` lists the theme's assets first: they are not pages, and the list has them already.
    const fresh = (await runner.run('render', () => renderPages(site, stale, theme, this.options))).slice(theme.assetFiles.length);
    // Replacing entries keeps the map's order (the route order); the files handed out before stay as they were.
    for (const file of fresh) this.pages.set(file.path, { signature: signatures.get(file.path) as string, file });
    // Listing every page again (a walk of the map) costs more than the edit at 100,000 posts: the last list is patched.
    this.list = (this.list && pagePositions.replaced(this.list, fresh)) ?? this.files(theme);
    return { files: this.list, signatures, rendered: stale.length };
  }

  private files(theme: Theme): OutputFile[] {
    const files: OutputFile[] = [...theme.assetFiles];
    for (const entry of this.pages.values()) files.push(entry.file);
    return files;
  }
}

/**
 * `renderPages` in chunks, each handed to `sink` while the next renders. The theme's assets
 * (which `renderPages` returns with every chunk) are left out: `PageMemory` adds them once.
 * A template failing on many pages is reported once, as `renderPages` does within one call.
 */
async function renderStreamed(site: Site, routes: readonly Route[], theme: Theme, sink: FileSink, options: RenderOptions): Promise<Staged<OutputFile[]>> {
  const files: OutputFile[] = [];
  const problems = new Map<string, Problem>();
  let writing: Promise<void> = Promise.resolve();
  for (let at = 0; at < routes.length; at += SINK_CHUNK) {
    const chunk = renderPages(site, routes.slice(at, at + SINK_CHUNK), theme, options);
    for (const problem of chunk.problems) {
      const key = `${problem.file ?? problem.message}:${problem.line ?? ''}:${problem.code}`;
      if (!problems.has(key)) problems.set(key, problem);
    }
    const pages = chunk.value.slice(theme.assetFiles.length);
    await writing;
    writing = sink(pages).then((light) => {
      files.push(...light);
    });
  }
  await writing;
  return staged(files, [...problems.values()]);
}

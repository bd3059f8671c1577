/**
 * Rendered pages with memory between runs of one builder. Whether a page is rendered again is
 * decided by one rule: its render's reads (render/page-reads.ts), replayed against the new model,
 * give the digest they gave when it was rendered, and the page global (theme, config, code, day:
 * render/page-signature.ts) is the same. On a builder's first run the previous build's record
 * (render/page-cache.ts) answers the same question for the pages in its output folder.
 * Entries are replaced, never changed: a file handed out by an earlier run stays as it was.
 */
import path from 'node:path';
import type { Site } from '../model/types.js';
import type { OutputFile } from '../shared/output-file.js';
import type { Theme } from '../render/load-theme.js';
import { pageRecord, recordedPage, stillWrittenPages, type PageRecord, type PreviousBuild } from '../render/page-cache.js';
import { ReadPaths, replayReads, type PageReadRecord, type Shape } from '../render/page-reads.js';
import { pageStart, renderPages, type RenderOptions } from '../render/render-pages.js';
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

interface Remembered {
  readonly file: OutputFile;
  /** What its render read; `undefined` when that is not known (it is then rendered again next time). */
  readonly record: PageReadRecord | undefined;
}

/** This run's pages: every page's file in route order, and how many were rendered. */
export interface RenderedPages {
  readonly files: readonly OutputFile[];
  readonly rendered: number;
}

/** True when `record` read from `roots` now gives what it gave then; the record with the objects its reads reach now. */
function replayed(record: { readonly shape: Shape; readonly digest: string }, roots: Readonly<Record<string, unknown>>, paths: ReadPaths): PageReadRecord | undefined {
  const { digest, touched } = replayReads(record.shape, roots, paths);
  return digest !== undefined && digest === record.digest ? { shape: record.shape, digest, touched, opaque: false } : undefined;
}

/** The key of the reader index under which pages that may have read anything are listed. */
const READS_EVERYTHING = {};

export class PageMemory {
  private readonly paths = new ReadPaths();
  private pages = new Map<string, Remembered>();
  private global: string | undefined;
  /** The last run's files, which a body edit patches rather than lists again. */
  private list: readonly OutputFile[] | undefined;
  /** The last run's routes, and for each object a page read from, the positions of those pages (made when first asked). */
  private routes: readonly Route[] = [];
  private readers: Map<object, number[]> | undefined;
  /** The list of files by output path (list-positions.ts), owned here since the lists are. */
  private readonly positions = new ListPositions<OutputFile>((file) => file.path);

  /**
   * `keepReaders`: remember which objects each page read (a later body edit asks `readersOf`); a
   * builder that runs once has no later edit, and at 100,000 pages the lists are tens of megabytes.
   */
  constructor(private readonly keepReaders = true) {}

  /** `record` as kept: without the objects it read unless `keepReaders`. */
  private kept(record: PageReadRecord | undefined): PageReadRecord | undefined {
    return record && !this.keepReaders && record.touched.length > 0 ? { ...record, touched: [] } : record;
  }

  /** Every page of `routes`, rendering only those whose reads changed (or that `previous` cannot supply). */
  async render(site: Site, routes: readonly Route[], global: string, theme: Theme, runner: StageRunner, previous?: PreviousBuild, sink?: FileSink): Promise<RenderedPages> {
    const start = pageStart(site, theme);
    const roots = start.roots;
    const known = global === this.global ? this.pages : new Map<string, Remembered>();
    const next = new Map<string, Remembered>();
    const fromDisk: { route: Route; record: PageReadRecord }[] = [];
    const record = previous?.record?.global === global ? previous.record : undefined;
    const shapes = new Map<number, Shape | undefined>();
    await runner.run('reuse', async () => {
      for (const route of routes) {
        const before = known.get(route.outputPath);
        const kept = before?.record && !before.record.opaque ? replayed(before.record, roots(route), this.paths) : undefined;
        if (before && kept) {
          next.set(route.outputPath, { file: before.file, record: this.kept(kept) });
          continue;
        }
        const written = record && recordedPage(record, route.outputPath, this.paths, shapes);
        const still = written && replayed(written, roots(route), this.paths);
        if (still) fromDisk.push({ route, record: this.kept(still) as PageReadRecord });
      }
      if (previous && fromDisk.length > 0) {
        const files = await stillWrittenPages(
          fromDisk.map(({ route }) => route.outputPath),
          previous,
        );
        for (const { route, record: kept } of fromDisk) {
          const fingerprint = files.value.get(route.outputPath);
          if (fingerprint !== undefined) next.set(route.outputPath, { file: { path: route.outputPath, copyFrom: path.join(previous.outDir, route.outputPath), fingerprint }, record: kept });
        }
      }
      return staged(undefined);
    });
    const stale = routes.filter((route) => !next.has(route.outputPath));
    const records = new Map<string, PageReadRecord>();
    const options: RenderOptions = { start, reads: { paths: this.paths, recorded: (route, read) => records.set(route.outputPath, this.kept(read) as PageReadRecord) } };
    const fresh = await runner.run('render', () => (sink ? renderStreamed(site, stale, theme, sink, options) : renderPages(site, stale, theme, options)));
    const byPath = new Map(fresh.map((file) => [file.path, file]));
    for (const route of stale) {
      const file = byPath.get(route.outputPath);
      if (file) next.set(route.outputPath, { file, record: records.get(route.outputPath) });
    }
    // In route order, as a full run lists them (kept and rendered pages were found in two passes).
    this.pages = new Map(routes.flatMap((route) => (next.has(route.outputPath) ? [[route.outputPath, next.get(route.outputPath) as Remembered] as const] : [])));
    this.global = global;
    this.routes = routes;
    this.readers = undefined;
    this.list = this.files(theme);
    return { files: this.list, rendered: stale.length };
  }

  /**
   * The positions in the last run's routes of the pages whose render read anything of one of
   * `objects`, and of those that must be rendered every time. Made once per full run (a walk of
   * every page's record), then added to by `renderSome`.
   */
  readersOf(objects: readonly object[]): number[] {
    const readers = this.readerIndex();
    const found = new Set<number>();
    for (const object of objects) for (const at of readers.get(object) ?? []) found.add(at);
    for (const at of readers.get(READS_EVERYTHING) ?? []) found.add(at);
    return [...found].sort((a, b) => a - b);
  }

  /** The positions of the pages whose render read `key` of the root `root` (say the site's clock), and of those rendered every time. */
  readersOfRoot(root: string, key: string): number[] {
    const id = this.paths.child(this.paths.root(root), 'g', key);
    const reads = new Map<Shape, boolean>();
    const found: number[] = [];
    for (const [at, route] of this.routes.entries()) {
      const record = this.pages.get(route.outputPath)?.record;
      let read = record && !record.opaque ? reads.get(record.shape) : true;
      if (read === undefined && record) reads.set(record.shape, (read = record.shape.ids.includes(id)));
      if (read) found.push(at);
    }
    return found;
  }

  private readerIndex(): Map<object, number[]> {
    if (this.readers) return this.readers;
    const readers = new Map<object, number[]>();
    for (const [at, route] of this.routes.entries()) this.noteReader(readers, at, this.pages.get(route.outputPath)?.record);
    this.readers = readers;
    return readers;
  }

  /** A page without a record, or one whose record cannot be replayed, is listed under `READS_EVERYTHING`. */
  private noteReader(readers: Map<object, number[]>, at: number, record: PageReadRecord | undefined): void {
    const add = (object: object): void => {
      const list = readers.get(object);
      if (list) list.push(at);
      else readers.set(object, [at]);
    };
    if (!record || record.opaque) add(READS_EVERYTHING);
    else for (const object of record.touched) add(object);
  }

  /** Index the last run's files and readers now, so the first body edit does not pay for it (a dev server warming up). */
  warmUp(): void {
    if (this.list) this.positions.of(this.list);
    this.readerIndex();
  }

  /**
   * The body-edit path: the same routes as the last run (`routes` may hold new route objects at
   * some positions), of which only those at `positions` may show something new. Walking every
   * page, as `render` does, costs more than the edit itself on a large site.
   */
  async renderSome(site: Site, routes: readonly Route[], positions: readonly number[], theme: Theme, runner: StageRunner): Promise<RenderedPages> {
    const start = pageStart(site, theme);
    const stale: Route[] = [];
    for (const at of positions) {
      const route = routes[at] as Route;
      const before = this.pages.get(route.outputPath);
      const kept = before?.record && !before.record.opaque ? replayed(before.record, start.roots(route), this.paths) : undefined;
      if (!before || !kept) stale.push(route);
    }
    const records = new Map<string, PageReadRecord>();
    const options: RenderOptions = { start, reads: { paths: this.paths, recorded: (route, read) => records.set(route.outputPath, read) } };
    // `renderPages` lists the theme's assets first: they are not pages, and the list has them already.
    const fresh = (await runner.run('render', () => renderPages(site, stale, theme, options))).slice(theme.assetFiles.length);
    const readers = this.readerIndex();
    const at = new Map(positions.map((position) => [(routes[position] as Route).outputPath, position]));
    // Replacing entries keeps the map's order (the route order); the files handed out before stay as they were.
    for (const file of fresh) {
      const record = records.get(file.path);
      this.pages.set(file.path, { file, record });
      // Readers are only ever added: a page listed for an object it no longer reads is replayed for nothing.
      this.noteReader(readers, at.get(file.path) as number, record);
    }
    this.routes = routes;
    // Listing every page again (a walk of the map) costs more than the edit at 100,000 posts: the last list is patched.
    this.list = (this.list && this.positions.replaced(this.list, fresh)) ?? this.files(theme);
    return { files: this.list, rendered: stale.length };
  }

  /** The record of the last run's pages, for the next build into the same output folder. */
  record(): PageRecord {
    return pageRecord(
      this.global ?? '',
      [...this.pages].map(([file, remembered]) => [file, remembered.record] as const),
      this.paths,
    );
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

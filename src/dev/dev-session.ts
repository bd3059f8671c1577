/**
 * One site being developed: the last good output in memory, rebuilt on demand by the
 * one builder (pipeline/site-builder.ts). For `watch()` it also writes each good output
 * to the output folder. A failed rebuild keeps the last good output and reports its problems.
 */
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { StageRunner, type BuildOptions } from '../build.js';
import { BuildFailedError, type Problem } from '../shared/errors.js';
import type { OutputFile } from '../shared/output-file.js';
import { DEFAULT_OUTPUT_FOLDER } from '../shared/site-layout.js';
import { SiteBuilder, type BuildRun } from '../pipeline/site-builder.js';
import { writeSite } from '../pipeline/write-site.js';
import { watchFiles, type FileWatcher } from './watch-files.js';

/** Quiet period that ends a burst of file changes (an editor's save, a git checkout). */
const DEFAULT_DEBOUNCE_MS = 10;

/** What one rebuild did (also what `watch()` yields). */
export interface RebuildResult {
  readonly ok: boolean;
  /** Source paths (site-relative) that triggered this rebuild; empty for the first build. */
  readonly changed: readonly string[];
  /** Output paths whose bytes changed. */
  readonly updated: readonly string[];
  readonly pagesWritten: number;
  readonly ms: number;
  readonly problems: readonly Problem[];
  /** True when only stylesheets changed, so pages can swap CSS without reloading. */
  readonly cssOnly: boolean;
  /** Milliseconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
  /** Image variants encoded by this rebuild (0 when every variant came from the image cache). */
  readonly imagesMade: number;
}

/** Pointers first: most entries are the very same objects, and reading each of 270,000 files' path (100,000 posts) costs more than the edit. */
function samePaths(a: readonly OutputFile[], b: readonly OutputFile[]): boolean {
  if (a.length !== b.length) return false;
  for (let at = 0; at < a.length; at += 1) if (a[at] !== b[at] && a[at]?.path !== b[at]?.path) return false;
  return true;
}

function sameContents(a: OutputFile | undefined, b: OutputFile): boolean {
  if (!a) return false;
  if (a === b) return true;
  if ('copyFrom' in a || 'copyFrom' in b) return 'copyFrom' in a && 'copyFrom' in b && a.copyFrom === b.copyFrom;
  if (typeof a.contents === 'string' && typeof b.contents === 'string') return a.contents === b.contents;
  // Views, not copies: pages are bytes and this runs for every page on every rebuild.
  const bytes = (contents: Uint8Array | string): Buffer => (typeof contents === 'string' ? Buffer.from(contents) : Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength));
  return bytes(a.contents).equals(bytes(b.contents));
}

/**
 * True when every changed path is a stylesheet (folders created on the way do not count).
 * Synchronous on purpose: right after an edit the watcher has queued an lstat of every file in
 * the folder on libuv's thread pool, and an async stat here would wait behind all of them.
 */
function onlyStylesheets(root: string, changed: readonly string[]): boolean {
  if (changed.length === 0) return false;
  return changed.every((file) => file.endsWith('.css') || isFolder(path.resolve(root, file)));
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

export class DevSession {
  private files = new Map<string, OutputFile>();
  /** The last output as the builder listed it, to compare a rebuild's list position by position. */
  private list: readonly OutputFile[] = [];
  private staticStamps = new Map<string, number>();
  problems: readonly Problem[] = [];
  outDir = '';
  /** Where the site is served (`Config.basePath`), from the last good build. */
  basePath = '/';
  /** The theme folder in use, watched too when it is outside the site. */
  themeDir = '';
  root: string;

  private builder: SiteBuilder;
  /**
   * Called when a search index built in the background is ready (the dev server then rebuilds,
   * which takes it in). Without `write` only: `watch()` writes each output whole, index included.
   */
  onSearchIndexed: (() => void) | undefined;

  /** With `write`, each good output is also written to the output folder (what `watch()` does). */
  constructor(
    private readonly options: BuildOptions,
    private readonly write = false,
  ) {
    this.root = path.resolve(options.root ?? '.');
    this.builder = this.newBuilder();
  }

  /**
   * Watch the site, and the theme in use when it lives elsewhere, but not the output;
   * `onBatch` gets each burst of changes (ended by `debounceMs` of quiet) as one list.
   * While the site folder is gone nothing is reported (the last good site stands); when it
   * comes back `onRoot` hears of both, and `onBatch([])` asks for a full rebuild.
   */
  watch(onBatch: (paths: string[]) => void, debounceMs = DEFAULT_DEBOUNCE_MS, onRoot?: (state: 'gone' | 'back') => void): FileWatcher {
    const extra = this.themeDir && !this.themeDir.startsWith(this.root + path.sep) ? [this.themeDir] : [];
    const rootChanged = (state: 'gone' | 'back'): void => {
      // Anything may have changed while it was away: forget what rebuilds remembered.
      if (state === 'back') {
        this.builder.stop();
        this.builder = this.newBuilder();
      }
      onRoot?.(state);
      if (state === 'back') onBatch([]);
    };
    return watchFiles({ root: this.root, extra, ignore: [this.outDir || path.join(this.root, DEFAULT_OUTPUT_FOLDER)], debounceMs, onBatch, onRoot: rootChanged });
  }

  private newBuilder(): SiteBuilder {
    return new SiteBuilder(this.options, this.write ? undefined : () => this.onSearchIndexed?.());
  }

  get(file: string): OutputFile | undefined {
    return this.files.get(file);
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  /** Every output file, for comparing with a clean build. */
  snapshot(): ReadonlyMap<string, OutputFile> {
    // A copy: the session updates its own map in place after a body edit.
    return new Map(this.files);
  }

  private async staticChanged(file: OutputFile): Promise<boolean> {
    if (!('copyFrom' in file)) return false;
    const stamp = await fs.stat(file.copyFrom).then(
      (stat) => stat.mtimeMs + stat.size,
      () => -1,
    );
    const changed = this.staticStamps.get(file.path) !== stamp;
    this.staticStamps.set(file.path, stamp);
    return changed;
  }

  /** End the session's background work (a search index being caught up with); call when done with it. */
  close(): void {
    this.builder.stop();
  }

  /** Make the first edits as fast as later ones (optional; call when idle after the first build). */
  warmUp(): Promise<void> {
    return this.builder.warmUp();
  }

  /** Take in a whole new output; the paths of files added, removed or changed. */
  private async replace(files: readonly OutputFile[]): Promise<string[]> {
    const updated = samePaths(this.list, files) ? await this.replaceInPlace(files) : await this.replaceAll(files);
    this.list = files;
    return updated;
  }

  /**
   * The same paths in the same order (a body edit, mostly): only entries that are not the very
   * same object need a look, and the map is updated rather than built again.
   */
  private async replaceInPlace(files: readonly OutputFile[]): Promise<string[]> {
    const updated: string[] = [];
    for (let at = 0; at < files.length; at += 1) {
      const file = files[at] as OutputFile;
      const before = this.list[at];
      // The very same object is the same file: each run lists static files afresh, so theirs are never skipped here.
      if (before === file) continue;
      const stampChanged = 'copyFrom' in file && (await this.staticChanged(file));
      if (stampChanged || !sameContents(before, file)) updated.push(file.path);
      this.files.set(file.path, file);
    }
    return updated;
  }

  private async replaceAll(files: readonly OutputFile[]): Promise<string[]> {
    const next = new Map(files.map((file) => [file.path, file]));
    const updated: string[] = [];
    for (const file of files) {
      // Stamp statics every time, so a new one is not reported again on the next rebuild.
      const stampChanged = 'copyFrom' in file && (await this.staticChanged(file));
      if (stampChanged || !sameContents(this.files.get(file.path), file)) updated.push(file.path);
    }
    for (const file of this.files.keys()) if (!next.has(file)) updated.push(file);
    this.files = next;
    return updated;
  }

  /**
   * One run of the builder, written out when writing. Pages are always rendered into memory
   * (never kept by reference to the old output), so whatever happens to the output folder in
   * between, the next write can put every file right; unchanged files are still hard-linked.
   * A write that fails leaves the folder as it was.
   */
  private async runBuilder(changed: readonly string[], runner: StageRunner): Promise<BuildRun> {
    const run = await this.builder.run(runner, changed);
    if (this.write) await runner.run('write', () => writeSite(run, this.options.cache ?? true, this.options.replaceOutDir ?? false));
    return run;
  }

  /** Rebuild after `changed` (site-relative paths; empty for the first build); never throws. */
  rebuild(changed: readonly string[] = []): Promise<RebuildResult> {
    return this.take(changed, (runner) => this.runBuilder(changed, runner));
  }

  /**
   * Take in the search index built in the background since the last rebuild (`onSearchIndexed`):
   * the last output with the new index files, nothing rebuilt. Falls back on a rebuild of nothing changed.
   */
  takeSearchIndex(): Promise<RebuildResult> {
    return this.take([], async (runner) => {
      const last = this.builder.takeSearchIndex();
      if (!last) return this.runBuilder([], runner);
      // The last run's warnings still hold (without a good last run there is none to take the index into).
      runner.problems.push(...this.problems);
      return last;
    });
  }

  private async take(changed: readonly string[], produce: (runner: StageRunner) => Promise<BuildRun>): Promise<RebuildResult> {
    const started = performance.now();
    const runner = new StageRunner(undefined);
    try {
      const { config, files, images } = await produce(runner);
      this.outDir = config.outDir;
      this.basePath = config.basePath;
      this.themeDir = config.theme;
      const updated = await this.replace(files);
      this.problems = runner.problems;
      const cssOnly = onlyStylesheets(this.root, changed);
      return {
        ok: true,
        changed,
        updated,
        pagesWritten: updated.filter((file) => file.endsWith('.html')).length,
        ms: Math.round(performance.now() - started),
        problems: runner.problems,
        cssOnly,
        timings: runner.timings,
        imagesMade: images.made,
      };
    } catch (error) {
      const problems = error instanceof BuildFailedError ? error.problems : [{ severity: 'error' as const, code: 'dev/internal', message: error instanceof Error ? error.message : String(error) }];
      this.problems = problems;
      return { ok: false, changed, updated: [], pagesWritten: 0, ms: Math.round(performance.now() - started), problems, cssOnly: false, timings: runner.timings, imagesMade: 0 };
    }
  }
}

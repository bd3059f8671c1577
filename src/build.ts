/**
 * The pipeline, in order: config → sources → entries → Markdown → Site → routes
 * → rendered pages and feeds → atomic write. `build()` is the first run of the one
 * builder (pipeline/site-builder.ts) that the dev server and `watch()` keep running,
 * plus the write; only loading and writing touch the disk.
 */
import type { Config, UserConfig } from './config/types.js';
import { sortProblems, type Problem } from './shared/errors.js';
import type { Site } from './model/types.js';
import type { PreviousBuild } from './render/page-cache.js';
import type { OutputFile } from './shared/output-file.js';
import { SiteBuilder } from './pipeline/site-builder.js';
import { StageRunner } from './pipeline/stage-runner.js';
import { checkOutputFolder, openSiteStaging, previousBuild, writeSite } from './pipeline/write-site.js';
import { discardStaging, stageFiles, type Staging } from './output/staging-folder.js';

export interface BuildOptions {
  /** The site folder. Default: the current directory. */
  readonly root?: string;
  /** Settings given in code, merged over the site's config file (plugins, helpers, title…). */
  readonly config?: UserConfig;
  /** Output folder (absolute, or relative to the current directory). Wins over `outDir` in config. */
  readonly outDir?: string;
  /**
   * Replace an existing output folder that sectorpress did not make (default false: such a
   * folder is refused, naming what is in it). Never allows a folder of the site's sources.
   */
  readonly replaceOutDir?: boolean;
  /** Absolute base URL; wins over `url` in config. */
  readonly baseUrl?: string;
  readonly drafts?: boolean;
  readonly future?: boolean;
  /** The build clock: ISO string or Date. Else config `now`, env `SECTORPRESS_NOW`, the real clock. */
  readonly now?: string | Date;
  /** Use the persistent caches (default true): Markdown already rendered, and pages whose inputs did not change. */
  readonly cache?: boolean;
  /** Markdown worker threads; 0 renders on the main thread. Default: sized to the machine. */
  readonly workers?: number;
  /** Called with each stage name as it starts (for progress display). */
  readonly onStage?: (stage: string) => void;
}

export interface BuildResult {
  readonly outDir: string;
  /** Output paths relative to `outDir`, sorted. */
  readonly files: readonly string[];
  /** Files whose bytes changed since the previous output. */
  readonly changed: number;
  /** Warnings (errors reject the promise with `BuildFailedError`). */
  readonly problems: readonly Problem[];
  /** Milliseconds per stage, plus `total`. */
  readonly timings: Readonly<Record<string, number>>;
  readonly counts: {
    readonly posts: number;
    readonly pages: number;
    readonly feeds: number;
    readonly routes: number;
    /** Markdown bodies rendered in this build, and those reused from the cache. */
    readonly markdownRendered: number;
    readonly markdownCached: number;
    /** HTML pages rendered in this build, and those kept from the previous output because nothing they show changed. */
    readonly pagesRendered: number;
    readonly pagesReused: number;
    /** Image variants encoded in this build (0 on a warm build), and those taken from the image cache. */
    readonly imagesMade: number;
    readonly imagesCached: number;
  };
  readonly site: Site;
}

export interface LoadedSite {
  readonly site: Site;
  readonly problems: readonly Problem[];
  readonly timings: Readonly<Record<string, number>>;
}

/**
 * Read a site folder into the `Site` model without writing anything.
 *
 * @example
 * const { site } = await loadSite({ root: 'examples/children-services-blog', now: '2026-01-01' });
 * console.log(site.posts.map((post) => post.title));
 */
export async function loadSite(options: BuildOptions = {}): Promise<LoadedSite> {
  const runner = new StageRunner(options.onStage);
  const { site } = await new SiteBuilder(options, undefined, 'model').model(runner);
  runner.finish();
  return { site, problems: sortProblems(runner.problems), timings: runner.timings };
}

/**
 * Build a site folder into its output folder, atomically.
 *
 * @example
 * const result = await build({ root: 'examples/children-services-blog', now: '2026-11-22T12:00:00Z' });
 * console.log(`${result.files.length} files in ${result.outDir}`);
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const runner = new StageRunner(options.onStage);
  const cache = options.cache ?? true;
  const replaceOutDir = options.replaceOutDir ?? false;
  // Called once the config names the output folder, before any page renders: a folder the build
  // may not replace is refused before the work, not after it.
  let staging: Staging | undefined;
  let before: PreviousBuild | undefined;
  const previous = async (config: Config): Promise<PreviousBuild | undefined> => {
    await runner.run('guard', () => checkOutputFolder(config, replaceOutDir));
    before = cache ? await previousBuild(config) : undefined;
    staging = await openSiteStaging(config, before, cache);
    return before;
  };
  // Pages go to the (invisible) staging folder as they render, so they are not all held in memory.
  const sink = async (files: readonly OutputFile[]): Promise<OutputFile[]> => (staging ? stageFiles(staging, files) : [...files]);
  const run = await new SiteBuilder(options, undefined, 'build').run(runner, [], previous, sink).catch(async (error: unknown) => {
    await discardStaging(staging);
    throw error;
  });
  const written = await runner.run('write', () => writeSite(run, cache, replaceOutDir, staging, before));
  runner.finish();
  const { site, routes, files, markdown, pagesRendered } = run;
  return {
    outDir: run.config.outDir,
    files: written.files,
    changed: written.changed,
    problems: sortProblems(runner.problems),
    timings: runner.timings,
    counts: {
      posts: site.posts.length,
      pages: routes.length,
      feeds: files.filter((file) => /\.(xml|json|ics)$/.test(file.path) && !file.path.endsWith('sitemap.xml')).length,
      routes: routes.length,
      markdownRendered: markdown.rendered,
      markdownCached: markdown.cached,
      pagesRendered,
      pagesReused: routes.length - pagesRendered,
      imagesMade: run.images.made,
      imagesCached: run.images.cached,
    },
    site,
  };
}

export { StageRunner };

/**
 * The pipeline, in order: config → sources → entries → Markdown → Site → routes
 * → rendered pages and feeds → atomic write. Each stage is a function from the
 * previous stage's data to the next; only loading and writing touch the disk.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config/load-config.js';
import type { Config, ConfigOverrides, UserConfig } from './config/types.js';
import { loadContent } from './content/load-content.js';
import { readData } from './content/read-data.js';
import { readEntries } from './content/read-entries.js';
import { BuildFailedError, hasErrors, sortProblems, type Problem, type Staged } from './shared/errors.js';
import { renderFeeds } from './feeds/render-feeds.js';
import { cacheFolder, pipelineDigest } from './markdown/markdown-cache.js';
import { renderMarkdownJobs } from './markdown/render-markdown-jobs.js';
import { buildSite } from './model/build-site.js';
import { resolveClock } from './shared/dates.js';
import type { Site } from './model/types.js';
import { checkOutputFiles } from './output/check-output.js';
import { readManifest, writeManifest } from './shared/output-manifest.js';
import type { OutputFile } from './shared/output-file.js';
import { writeOutput } from './output/write-output.js';
import { loadTheme } from './render/load-theme.js';
import { pageCacheSignature, pageRecord, readPageRecord, reusablePages, type PreviousBuild } from './render/page-cache.js';
import { renderPages } from './render/render-pages.js';
import { planRoutes } from './routes/plan-routes.js';
import type { Route } from './routes/types.js';

export interface BuildOptions {
  /** The site folder. Default: the current directory. */
  readonly root?: string;
  /** Settings given in code, merged over the site's config file (plugins, helpers, title…). */
  readonly config?: UserConfig;
  /** Output folder (absolute, or relative to the current directory). Wins over `outDir` in config. */
  readonly outDir?: string;
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
  };
  readonly site: Site;
}

export interface LoadedSite {
  readonly site: Site;
  readonly problems: readonly Problem[];
  readonly timings: Readonly<Record<string, number>>;
}

/** Collects problems and timings as stages run; stops at the first stage with errors. */
class StageRunner {
  readonly problems: Problem[] = [];
  readonly timings: Record<string, number> = {};
  private readonly started = performance.now();

  constructor(private readonly onStage: ((stage: string) => void) | undefined) {}

  async run<T>(name: string, stage: () => Staged<T> | Promise<Staged<T>>): Promise<T> {
    this.onStage?.(name);
    const begun = performance.now();
    const result = await stage();
    this.timings[name] = Math.round(performance.now() - begun);
    this.problems.push(...result.problems);
    if (hasErrors(result.problems)) throw new BuildFailedError(sortProblems(this.problems));
    return result.value;
  }

  finish(): void {
    this.timings.total = Math.round(performance.now() - this.started);
  }
}

function configOverrides(options: BuildOptions): ConfigOverrides {
  return {
    config: options.config,
    outDir: options.outDir === undefined ? undefined : path.resolve(options.outDir),
    url: options.baseUrl,
    now: options.now instanceof Date ? options.now.toISOString() : options.now,
  };
}

/** Kept in the conventional cache folder so it never ends up in the published site; one per output folder. */
function cacheFile(config: Config, kind: 'output' | 'pages'): string {
  const key = createHash('sha1').update(config.outDir).digest('hex').slice(0, 12);
  return path.join(cacheFolder(config.root), `${kind}-${key}.json`);
}

export interface ModelStagesResult {
  readonly config: Config;
  readonly site: Site;
  readonly markdown: { readonly rendered: number; readonly cached: number };
}

export async function modelStages(runner: StageRunner, options: BuildOptions): Promise<ModelStagesResult> {
  const root = path.resolve(options.root ?? '.');
  const config = await runner.run('config', () => loadConfig(root, configOverrides(options)));
  const now = await runner.run('clock', () => resolveClock(config.now, process.env.SECTORPRESS_NOW));
  const sources = await runner.run('load', () => loadContent(config));
  const entries = await runner.run('entries', () => readEntries(sources, config));
  const data = await runner.run('data', () => readData(sources.data));
  const rendered = await runner.run('markdown', () =>
    renderMarkdownJobs(entries.jobs, config, { cache: options.cache ?? true, workers: options.workers }),
  );
  const site = await runner.run('model', () =>
    buildSite(
      { config, posts: entries.posts, pages: entries.pages, events: entries.events, rendered: rendered.byId, data, statics: sources.statics },
      { drafts: options.drafts ?? false, future: options.future ?? false, now },
    ),
  );
  return { config, site, markdown: { rendered: rendered.renderedCount, cached: rendered.cacheHits } };
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
  const { site } = await modelStages(runner, options);
  runner.finish();
  return { site, problems: sortProblems(runner.problems), timings: runner.timings };
}

export interface RenderSiteOptions {
  readonly injectBeforeBodyEnd?: string;
  /** Keep pages of this earlier output whose signature is unchanged instead of rendering them. */
  readonly previous?: PreviousBuild;
}

export interface RenderedSite {
  readonly routes: readonly Route[];
  readonly files: readonly OutputFile[];
  /** The site-wide page signature (see `render/page-cache.ts`); present when `previous` was given. */
  readonly signature?: string;
  readonly pagesRendered: number;
}

/** Everything but the write: the site, its routes and every output file, in memory (kept pages by reference). */
export async function renderSite(runner: StageRunner, site: Site, options: RenderSiteOptions = {}): Promise<RenderedSite> {
  const routes = await runner.run('routes', () => planRoutes(site));
  const theme = await runner.run('theme', () => loadTheme(site.config));
  const previous = options.previous;
  const signature = previous ? pageCacheSignature(site, theme, pipelineDigest(site.config.markdown)) : undefined;
  const kept = previous && signature ? await runner.run('reuse', () => reusablePages(routes, signature, previous)) : new Map<string, string>();
  const stale = kept.size === 0 ? routes : routes.filter((route) => !kept.has(route.outputPath));
  const pages = await runner.run('render', () => renderPages(site, stale, theme, { injectBeforeBodyEnd: options.injectBeforeBodyEnd }));
  const reused: OutputFile[] = previous ? [...kept].map(([file, fingerprint]) => ({ path: file, copyFrom: path.join(previous.outDir, file), fingerprint })) : [];
  const feeds = await runner.run('feeds', () => renderFeeds(site, routes));
  const statics: OutputFile[] = site.statics.map((file) => ({ path: file.outputPath, copyFrom: file.path }));
  const files = await runner.run('check', () => checkOutputFiles([...pages, ...reused, ...feeds, ...statics], routes));
  return { routes, files, signature, pagesRendered: stale.length };
}

/** What the last build into this output folder left, for the page cache. */
async function previousBuild(config: Config): Promise<PreviousBuild> {
  const [record, manifest] = await Promise.all([readPageRecord(cacheFile(config, 'pages')), readManifest(cacheFile(config, 'output'))]);
  return { record, manifest, outDir: config.outDir };
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
  const { config, site, markdown } = await modelStages(runner, options);
  const cache = options.cache ?? true;
  const { routes, files, signature, pagesRendered } = await renderSite(runner, site, { previous: cache ? await previousBuild(config) : undefined });
  // The record must never outlive the output it describes: drop it before the output changes.
  const recordPath = cacheFile(config, 'pages');
  await fs.rm(recordPath, { force: true });
  const written = await runner.run('write', () =>
    writeOutput(config.outDir, files, { manifestPath: cacheFile(config, 'output'), siteRoot: config.root, trash: path.join(cacheFolder(config.root), 'trash') }),
  );
  if (signature) await writeManifest(recordPath, pageRecord(routes, signature));
  runner.finish();
  return {
    outDir: config.outDir,
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
    },
    site,
  };
}

export { StageRunner };

/**
 * The one builder behind `build()`, the dev server and `watch()`: config → sources → entries →
 * Markdown → Site → routes → pages and feeds, the same stage functions every time. It keeps
 * memory between runs, so a rebuild after an edit does only what the edit needs:
 * - the config and theme are loaded again only when a config, theme or data file changed;
 * - only changed content files are read again (refresh-content.ts), and front matter is
 *   parsed and Markdown rendered only for files and bodies not seen before (source-memory.ts);
 * - the model and routes are always rebuilt whole from those parts (never patched), so a
 *   model an earlier run handed out never changes;
 * - a page or feed is rendered again only when its signature changed (page-memory.ts,
 *   feed-memory.ts; render/page-signature.ts is the one signature scheme).
 * A builder's first run may also keep pages from the previous build's output (page-cache.ts).
 */
import os from 'node:os';
import path from 'node:path';
import type { BuildOptions } from '../build.js';
import { loadConfig } from '../config/load-config.js';
import type { Config, ConfigOverrides } from '../config/types.js';
import { readData } from '../content/read-data.js';
import type { PostEntry, SourceSet } from '../content/types.js';
import { staged } from '../shared/errors.js';
import { contentFolder, isConfigFile, THEME_FOLDER } from '../shared/site-layout.js';
import { pipelineDigest } from '../markdown/markdown-cache.js';
import { BodySpool } from '../markdown/body-spool.js';
import type { RenderedMarkdown } from '../markdown/types.js';
import { cacheFolder } from '../shared/cache-folder.js';
import { buildSites } from '../model/build-sites.js';
import { createPost, refreshPost } from '../model/create-posts.js';
import type { Mutable } from '../model/mutable.js';
import { findImageUrls } from '../images/find-image-urls.js';
import { ImageMemory } from '../images/prepare-images.js';
import { staticOutputFiles } from '../images/strip-metadata.js';
import { resolveClock } from '../shared/dates.js';
import type { Site } from '../model/types.js';
import { checkOutputFiles } from '../output/check-output.js';
import type { OutputFile } from '../shared/output-file.js';
import { loadTheme, type Theme } from '../render/load-theme.js';
import type { PageRecord, PreviousBuild } from '../render/page-cache.js';
import { pageGlobal, siteSignature } from '../render/page-signature.js';
import { planRedirects, type PlannedRedirect } from '../routes/plan-redirects.js';
import { planSiteRoutes } from '../routes/plan-language-routes.js';
import { postRoute } from '../routes/plan-routes.js';
import { renderRedirects } from '../feeds/render-redirect-pages.js';
import { renderLanguageFeeds } from '../feeds/render-feeds.js';
import { siteStrings } from '../render/template-context.js';
import type { Route } from '../routes/types.js';
import { FeedMemory } from './feed-memory.js';
import { PageMemory, type FileSink } from './page-memory.js';
import { indexSources, refreshContent } from './refresh-content.js';
import { SearchMemory } from './search-memory.js';
import { clockMovedNothing, findBodyEdits, indexPosts, onlyPost, type LastRun } from './body-edits.js';
import { SourceMemory } from './source-memory.js';
import { releasableJobs } from './releasable-job.js';
import type { StageRunner } from './stage-runner.js';

/** The one place `BuildOptions` become config overrides (build, dev server and watch alike). */
function configOverrides(options: BuildOptions): ConfigOverrides {
  return {
    config: options.config,
    outDir: options.outDir === undefined ? undefined : path.resolve(options.outDir),
    url: options.baseUrl,
    now: options.now instanceof Date ? options.now.toISOString() : options.now,
  };
}

/** The model stages' result. */
export interface ModelRun {
  readonly config: Config;
  readonly site: Site;
  /** Markdown bodies rendered in this run, and those taken from the on-disk cache. */
  readonly markdown: { readonly rendered: number; readonly cached: number };
  /** Image variants encoded in this run and taken from the cache, and the variant files to write. */
  readonly images: { readonly made: number; readonly cached: number; readonly files: readonly OutputFile[]; readonly replaced: readonly string[] };
}

/** What one run produced: the model, its routes and every output file (kept pages by reference). */
export interface BuildRun extends ModelRun {
  readonly routes: readonly Route[];
  /** The site's redirects, checked against the routes (routes/plan-redirects.ts). */
  readonly redirects: readonly PlannedRedirect[];
  readonly files: readonly OutputFile[];
  /** What the feeds and search index are kept under (render/page-signature.ts `siteSignature`). */
  readonly signature: string;
  /** What every page depends on outside the model (render/page-signature.ts `pageGlobal`). */
  readonly pageGlobal: string;
  /** What each page read, for the on-disk page record (render/page-cache.ts). */
  readonly pageRecord: () => PageRecord;
  readonly pagesRendered: number;
}

/** How a run may use the previous build's output: a function of the loaded config, since that names the output folder. */
export type PreviousOutput = (config: Config) => Promise<PreviousBuild | undefined>;

function touchesSiteWide(changed: readonly string[], config: Config): boolean {
  return changed.some((file) => {
    if (isConfigFile(file) || file.startsWith(`${THEME_FOLDER}/`) || file.startsWith(`${contentFolder('data')}/`)) return true;
    return path.resolve(config.root, file).startsWith(config.theme + path.sep);
  });
}

/** Rendered bodies to disk in the site's cache folder (the system's temporary folder with `cache: false`), or kept as they are when no spool file can be made. */
function spoolBodies(config: Config, cache: boolean): (body: RenderedMarkdown) => RenderedMarkdown {
  const spool = BodySpool.open(cache ? cacheFolder(config.root) : os.tmpdir());
  return spool ? (body) => spool.keep(body) : (body) => body;
}

/** An entry without its Markdown body (rendered already; nothing after the Markdown stage reads it). */
const withoutBody = <T extends { readonly body: string }>(entry: T): T => ({ ...entry, body: '' });

export class SiteBuilder {
  private last: LastRun | undefined;
  private config: Config | undefined;
  private theme: Theme | undefined;
  private sources: SourceSet | undefined;
  private readonly sourceMemory: SourceMemory;
  private readonly pages: PageMemory;
  private readonly feeds = new FeedMemory();
  private readonly images = new ImageMemory();
  private readonly search: SearchMemory;
  /** The search files of the last run, which `takeSearchIndex` swaps for a newer index's. */
  private searchFiles: readonly OutputFile[] = [];

  /**
   * `onSearchIndexed`: build the search index of later runs in the background, and call this when it is ready (search-memory.ts).
   * `once`: the builder runs once (`build()`, `loadSite()`), so it keeps no source text past the entries stage and lets each
   * Markdown body go once rendered (see `entries`): at 100,000 posts they are most of a gigabyte that nothing after the
   * Markdown stage reads. `build()` also keeps rendered bodies on disk until a page, feed or search shard reads them (in the
   * Markdown cache's files, or markdown/body-spool.ts for those rendered now); `loadSite()` users get them in memory.
   */
  constructor(
    private readonly options: BuildOptions,
    onSearchIndexed?: () => void,
    private readonly once: false | 'model' | 'build' = false,
  ) {
    this.sourceMemory = new SourceMemory(options, once !== false);
    this.search = new SearchMemory(onSearchIndexed);
    this.pages = new PageMemory(once === false);
  }

  /** The config, loaded again when `changed` touches config, theme or data (the theme is then loaded again too). */
  private async settings(changed: readonly string[], runner: StageRunner): Promise<{ config: Config; fresh: boolean }> {
    if (this.config && this.theme && !touchesSiteWide(changed, this.config)) return { config: this.config, fresh: false };
    const before = this.config;
    // Forgotten first: a run that fails before they are loaded loads them again next time.
    this.config = undefined;
    this.theme = undefined;
    const root = path.resolve(this.options.root ?? '.');
    const config = await runner.run('config', () => loadConfig(root, configOverrides(this.options)));
    // Markdown plugins may have changed with the config file.
    if (before && (before.configFile !== config.configFile || changed.some((file) => file.startsWith('sectorpress.config.')))) this.sourceMemory.clear();
    this.config = config;
    return { config, fresh: true };
  }

  /** The stages up to the `Site` model (all `loadSite` needs); `onConfig` is told the config as soon as it is loaded. */
  async model(runner: StageRunner, changed: readonly string[] = [], onConfig?: (config: Config) => void): Promise<ModelRun> {
    const { config, fresh } = await this.settings(changed, runner);
    onConfig?.(config);
    const now = await runner.run('clock', () => resolveClock(config.now, process.env.SECTORPRESS_NOW));
    const { entries, data, statics, images, markdown } = await this.bodies(config, fresh, changed, runner);
    const site = await runner.run('model', () => {
      const built = buildSites(
        { config, posts: entries.posts, pages: entries.pages, events: entries.events, rendered: markdown.byId, data, statics, images: images.images },
        { drafts: this.options.drafts ?? false, future: this.options.future ?? false, now },
      );
      return staged(built.value, [...built.problems, ...images.leadProblems, ...markdown.imageProblems]);
    });
    return { config, site, markdown: { rendered: markdown.rendered, cached: markdown.cached }, images: { made: images.made, cached: images.cached, files: images.files, replaced: images.replaced } };
  }

  /** The stages from the sources to the rendered bodies. */
  private async bodies(config: Config, fresh: boolean, changed: readonly string[], runner: StageRunner) {
    const { entries, data, statics, settled } = await this.entries(config, fresh, changed, runner);
    const images = await runner.run('images', () =>
      this.images.prepare({ config, jobs: entries.jobs, posts: entries.posts, pages: entries.pages, authors: data.authors, statics, drafts: this.options.drafts ?? false }),
    );
    if (this.once === 'build') this.sourceMemory.keep ??= spoolBodies(config, this.options.cache ?? true);
    const markdown = await this.sourceMemory.render(entries.jobs, config, runner, 'all', images.bodies, settled);
    if (this.once) this.sourceMemory.clear();
    return { entries, data, statics, images, markdown };
  }

  /**
   * The load, entries and data stages. A builder that runs `once` keeps no source text past them: its
   * entries come without their Markdown bodies (cut from those texts, so they would keep them all), and
   * its jobs let each body go as soon as the Markdown stage is done with it (`settled`). At 100,000 posts
   * the texts are most of a gigabyte that nothing after the Markdown stage reads.
   */
  private async entries(config: Config, fresh: boolean, changed: readonly string[], runner: StageRunner) {
    const known = fresh ? undefined : this.sources;
    this.sources = undefined;
    const sources = await runner.run('load', () => refreshContent(known, changed, config));
    if (!this.once) this.sources = sources;
    const entries = await runner.run('entries', async () => {
      const read = await this.sourceMemory.readAll([...sources.posts, ...sources.pages, ...sources.events], config);
      return staged(read.entries, read.problems);
    });
    const data = await runner.run('data', () => readData(sources.data));
    if (!this.once) return { entries, data, statics: sources.statics, settled: undefined };
    this.sourceMemory.clear();
    const { jobs, release } = releasableJobs(entries.jobs);
    const bodiless = { posts: entries.posts.map(withoutBody), pages: entries.pages.map(withoutBody), events: entries.events.map(withoutBody), jobs };
    return { entries: bodiless, data, statics: sources.statics, settled: release };
  }

  /**
   * Run every stage after `changed` (site-relative paths; empty or omitted for a first run).
   * Throws `BuildFailedError` when a stage has errors; the builder stays usable. With `sink`
   * (`build()` only: its files outlive the run), rendered files are handed to it as they are made.
   */
  async run(runner: StageRunner, changed: readonly string[] = [], previous?: PreviousOutput, sink?: FileSink): Promise<BuildRun> {
    const last = this.last;
    // Only a run that succeeds may be the base of a body edit.
    this.last = undefined;
    const run = (last && (await this.bodyEdit(last, changed, runner))) ?? (await this.fullRun(runner, changed, previous, sink));
    this.last = { ...run, problems: [...runner.problems] };
    this.search.awaitQuiet();
    return run;
  }

  private async fullRun(runner: StageRunner, changed: readonly string[], previous?: PreviousOutput, sink?: FileSink): Promise<BuildRun> {
    // The previous output is checked and read while the content loads: at 100,000 posts that is
    // a folder per page, and the thread pool reads it while this thread parses.
    let before: Promise<PreviousBuild | undefined> | undefined;
    const startPrevious = (config: Config): void => {
      before = previous?.(config);
      before?.catch(() => undefined); // awaited below; a stage that fails first must not leave it unhandled
    };
    try {
      return await this.stages(runner, changed, startPrevious, () => before, sink);
    } catch (error) {
      await before?.catch(() => undefined); // settled, so the caller's clean-up sees all it made
      throw error;
    }
  }

  private async stages(
    runner: StageRunner,
    changed: readonly string[],
    onConfig: (config: Config) => void,
    previous: () => Promise<PreviousBuild | undefined> | undefined,
    sink?: FileSink,
  ): Promise<BuildRun> {
    const { config, site, markdown, images } = await this.model(runner, changed, onConfig);
    const routes = await runner.run('routes', () => planSiteRoutes(site));
    const theme = this.theme ?? (await runner.run('theme', () => loadTheme(config)));
    this.theme = theme;
    const pipeline = pipelineDigest(config.markdown, undefined, config.basePath);
    const signature = siteSignature(site, theme, pipeline);
    const global = pageGlobal(site, theme, pipeline);
    // Pagefind runs in its own process: the index is built while this thread renders pages and feeds.
    const searching = this.search.render(site, signature, runner, this.options.cache ?? true);
    searching.catch(() => undefined); // awaited below; a stage that fails first must not leave it unhandled
    const pages = await this.pages.render(site, routes, global, theme, runner, await previous(), sink);
    // A multilingual site's feeds are rendered whole each run (the feed memory knows one language).
    const feeds = site.translations ? await runner.run('feeds', () => renderLanguageFeeds(site, routes)) : await this.feeds.render(site, routes, signature, runner);
    const statics = staticOutputFiles(site.statics, images.replaced);
    const search = await searching;
    this.searchFiles = search;
    // Checked once the feeds are rendered, since a redirect may lead to one; still before anything is written.
    const redirects = await runner.run('redirects', () =>
      planRedirects(
        site,
        routes,
        [...pages.files, ...feeds, ...search, ...images.files].map((file) => file.path),
      ),
    );
    const moved = renderRedirects(site, redirects, routes, siteStrings(site, theme));
    const rest = sink ? await sink([...feeds, ...search, ...moved]) : [...feeds, ...search, ...moved];
    const files = await runner.run('check', () => checkOutputFiles([...pages.files, ...rest, ...statics, ...images.files], routes));
    return {
      config,
      site,
      routes,
      redirects,
      files,
      signature,
      pageGlobal: global,
      pageRecord: () => this.pages.record(),
      pagesRendered: pages.rendered,
      markdown,
      images,
    };
  }

  /**
   * The fast path for the common edit of a writing day: only post bodies changed (front matter as it
   * was, so no list, tag, archive or link changes). The edited posts are made again by the model's own
   * `createPost` and take their new fields in place, so every object that points at one (its
   * neighbours, lists, tags) sees the new post, as after a full run; the pages to look at are those
   * whose render read anything of an edited post (or the clock, when it moved), each kept or rendered
   * by the one rule of page-memory.ts. `undefined` when the edit is not of that kind.
   */
  private async bodyEdit(last: LastRun, changed: readonly string[], runner: StageRunner): Promise<BuildRun | undefined> {
    const { config, theme } = this;
    // A multilingual site always takes the full run: a post's body edit may be in any language's model.
    if (!config || !theme || config.languages || changed.length === 0 || !changed.every((file) => /^posts\/.+\.md$/.test(file))) return undefined;
    const now = await runner.run('clock', () => resolveClock(config.now, process.env.SECTORPRESS_NOW));
    // A new day is in every page's global: the full run.
    if (pageGlobal({ ...last.site, now }, theme, pipelineDigest(config.markdown, undefined, config.basePath)) !== last.pageGlobal) return undefined;
    const sources = await runner.run('load', () => refreshContent(this.sources, changed, config));
    this.sources = sources;
    const reads = findBodyEdits(changed, sources, config, last, this.sourceMemory);
    if (!reads) return undefined;
    // A body that shows site images (before or after the edit) needs the images stage: the full run.
    if (config.images !== false && reads.some(({ before, after }) => [...before.entries.jobs, ...after.entries.jobs].some((job) => findImageUrls(job.body).length > 0))) return undefined;
    const clockMoved = now.getTime() !== last.site.now.getTime();
    if (clockMoved) {
      // Only when the clock moved: gathering every entry costs milliseconds on a large site.
      const entries = [...this.sourceMemory.files.values()].map((read) => read.entries);
      if (
        !clockMovedNothing(
          last.site.now,
          now,
          entries.flatMap((set) => set.posts),
          entries.flatMap((set) => set.events),
        )
      )
        return undefined;
    }
    const markdown = await this.sourceMemory.render(
      reads.flatMap(({ after }) => after.entries.jobs),
      config,
      runner,
      'some',
    );
    const replaced = new Set(reads.flatMap(({ before }) => before.problems));
    runner.problems.unshift(...last.problems.filter((problem) => !replaced.has(problem)));
    await runner.run('entries', () =>
      staged(
        undefined,
        reads.flatMap(({ after }) => after.problems),
      ),
    );
    const site = last.site;
    const edited = reads.map(({ post }) => post);
    // The pages that read an edited post or, when it moved, the site's clock: found before the posts change.
    const readers = this.pages.readersOf(edited);
    const positions = clockMoved ? [...new Set([...readers, ...this.pages.readersOfRoot('site', 'now')])].sort((a, b) => a - b) : readers;
    for (const { post, after } of reads) refreshPost(post, createPost(onlyPost(after) as PostEntry, markdown.byId, config).post);
    if (clockMoved) (site as Mutable<Site>).now = now;
    // A post's own route holds what the routes stage makes of it (its description, from the excerpt).
    const routes = [...last.routes];
    for (const at of positions) {
      const route = routes[at] as Route;
      if (route.context.kind === 'post' && edited.includes(route.context.post)) routes[at] = postRoute(route.context.post, config);
    }
    const pages = await this.pages.renderSome(site, routes, positions, theme, runner);
    const feeds = await this.feeds.render(site, routes, last.signature, runner);
    const statics = staticOutputFiles(site.statics, last.images.replaced);
    const search = await this.search.render(site, last.signature, runner, this.options.cache ?? true);
    this.searchFiles = search;
    return {
      ...last,
      site,
      routes,
      // concat, not spread: a copy of the arrays, where a spread iterates them (270,000 files at 100,000 posts).
      files: pages.files.concat(feeds, search, renderRedirects(site, last.redirects, routes, siteStrings(site, theme)), statics, last.images.files),
      pageRecord: () => this.pages.record(),
      pagesRendered: pages.rendered,
      markdown: { rendered: markdown.rendered, cached: markdown.cached },
      images: { made: 0, cached: last.images.files.length, files: last.images.files, replaced: last.images.replaced },
    };
  }

  /**
   * The last run with the search index built since in the background (search-memory.ts) in place
   * of the one it had: nothing else can have changed, so the model, routes and pages are not looked
   * at again (a rebuild of nothing changed walks them all: seconds at 100,000 posts). `undefined`
   * without a last run.
   */
  takeSearchIndex(): BuildRun | undefined {
    const last = this.last;
    const fresh = this.search.current();
    if (!last || !fresh || fresh === this.searchFiles) return last;
    const stale = new Set(this.searchFiles);
    const files: OutputFile[] = [];
    let placed = false;
    for (const file of last.files) {
      if (!stale.has(file)) files.push(file);
      else if (!placed) {
        // The new index where the old one was, so the order stays that of a full run.
        files.push(...fresh);
        placed = true;
      }
    }
    if (!placed) files.push(...fresh);
    this.searchFiles = fresh;
    this.last = { ...last, files };
    return this.last;
  }

  /** Start no more background work (the search index of later runs: search-memory.ts); the builder is not used again. */
  stop(): void {
    this.search.stop();
  }

  /** Warm up what an edit will need (see `SourceMemory.warmUp`; the routes showing each post; sources, posts and pages by path); safe to run beside rebuilds. */
  async warmUp(): Promise<void> {
    if (this.last) indexPosts(this.last.site.posts);
    if (this.sources) indexSources(this.sources);
    this.pages.warmUp();
    if (this.config) await this.sourceMemory.warmUp(this.config);
  }
}

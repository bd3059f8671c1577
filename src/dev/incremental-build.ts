/**
 * The build pipeline with memory between runs, for the dev server. Each stage is
 * the same function `build` uses; what changes is that front matter is parsed only
 * for files whose bytes changed, Markdown is rendered only for new bodies, the theme
 * is reloaded only when theme or config files changed, and a page is rendered only
 * when its signature (route-signature.ts) changed. A test compares the result with
 * a clean `build` after a random series of edits.
 */
import path from 'node:path';
import { StageRunner, type BuildOptions } from '../build.js';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/types.js';
import { readData } from '../content/read-data.js';
import { readEntries } from '../content/read-entries.js';
import type { EntrySet, EventEntry, PageEntry, PostEntry, SourceFile, SourceSet } from '../content/types.js';
import { staged, type Problem } from '../errors.js';
import { renderFeeds } from '../feeds/render-feeds.js';
import { createProcessors, type ProcessorFor } from '../markdown/create-processor.js';
import { bodyKey } from '../markdown/markdown-cache.js';
import { renderMarkdownJobs } from '../markdown/render-markdown-jobs.js';
import type { MarkdownJob, RenderedMarkdown } from '../markdown/types.js';
import { buildSite } from '../model/build-site.js';
import { resolveClock } from '../model/dates.js';
import type { Site, Tag } from '../model/types.js';
import { checkOutputFiles } from '../output/check-output.js';
import type { OutputFile } from '../output/types.js';
import { loadTheme, type Theme } from '../render/load-theme.js';
import { renderPages } from '../render/render-pages.js';
import { planRoutes } from '../routes/plan-routes.js';
import type { Route } from '../routes/types.js';
import { refreshContent } from './refresh-content.js';
import { routeSignature, siteSignature } from './route-signature.js';

interface ReadFile {
  readonly digest: string;
  readonly entries: EntrySet;
  readonly problems: readonly Problem[];
}

export interface IncrementalResult {
  readonly config: Config;
  readonly site: Site;
  readonly files: readonly OutputFile[];
  /** Pages actually rendered this time (the rest were reused). */
  readonly rendered: number;
}

function touchesSiteWide(changed: readonly string[], config: Config | undefined): boolean {
  return changed.some((file) => {
    if (/^sectorpress\.config\.|^theme\/|^data\//.test(file)) return true;
    const absolute = path.resolve(config?.root ?? '.', file);
    return config !== undefined && absolute.startsWith(config.theme + path.sep);
  });
}

export class IncrementalBuilder {
  private config: Config | undefined;
  private theme: Theme | undefined;
  private themeVersion = 0;
  private readonly files = new Map<string, ReadFile>();
  private readonly markdown = new Map<string, RenderedMarkdown>();
  private readonly pages = new Map<string, { signature: string; file: OutputFile }>();
  private readonly tagFeeds = new Map<string, { signature: string; file: OutputFile }>();
  private sources: SourceSet | undefined;
  private processors: ProcessorFor | undefined;

  constructor(private readonly options: BuildOptions) {}

  /** Parse front matter only for files whose digest changed since the last run. */
  private readEntriesOf(files: readonly SourceFile[], config: Config): { entries: EntrySet; problems: Problem[] } {
    const posts: PostEntry[] = [];
    const pages: PageEntry[] = [];
    const events: EventEntry[] = [];
    const jobs: MarkdownJob[] = [];
    const problems: Problem[] = [];
    const seen = new Set<string>();
    for (const file of files) {
      seen.add(file.relativePath);
      let read = this.files.get(file.relativePath);
      if (!read || read.digest !== file.digest) {
        const single = readEntries({ posts: file.kind === 'post' ? [file] : [], pages: file.kind === 'page' ? [file] : [], events: file.kind === 'event' ? [file] : [] }, config);
        read = { digest: file.digest, entries: single.value, problems: single.problems };
        this.files.set(file.relativePath, read);
      }
      posts.push(...read.entries.posts);
      pages.push(...read.entries.pages);
      events.push(...read.entries.events);
      jobs.push(...read.entries.jobs);
      problems.push(...read.problems);
    }
    for (const key of this.files.keys()) if (!seen.has(key)) this.files.delete(key);
    return { entries: { posts, pages, events, jobs }, problems };
  }

  /** Render only bodies not seen before; keep the rest in memory. */
  private async renderBodies(jobs: readonly MarkdownJob[], config: Config, runner: StageRunner): Promise<Map<string, RenderedMarkdown>> {
    const missing = jobs.filter((job) => !this.markdown.has(bodyKey(job.body)));
    const rendered = await runner.run('markdown', () =>
      renderMarkdownJobs(missing, config, { cache: this.markdown.size === 0 && (this.options.cache ?? true), workers: this.options.workers, processors: (this.processors ??= createProcessors(config.markdown)) }),
    );
    for (const job of missing) {
      const value = rendered.byId.get(job.id);
      if (value) this.markdown.set(bodyKey(job.body), value);
    }
    const byId = new Map<string, RenderedMarkdown>();
    const used = new Set<string>();
    for (const job of jobs) {
      const key = bodyKey(job.body);
      used.add(key);
      const value = this.markdown.get(key);
      if (value) byId.set(job.id, value);
    }
    for (const key of this.markdown.keys()) if (!used.has(key)) this.markdown.delete(key);
    return byId;
  }

  /** Site feeds, calendars and sitemap every time; a tag's feed only when its newest posts changed. */
  private async renderChangedFeeds(site: Site, routes: readonly Route[], global: string, runner: StageRunner): Promise<OutputFile[]> {
    const signature = (tag: Tag): string => `${global}:${tag.posts.slice(0, site.config.feedItems).map((post) => post.source.digest).join(',')}`;
    const stale = site.tags.filter((tag) => this.tagFeeds.get(tag.feedUrl)?.signature !== signature(tag));
    const files = await runner.run('feeds', () => renderFeeds({ ...site, tags: stale }, routes));
    const byPath = new Map(files.map((file) => [file.path, file]));
    const next = new Map<string, { signature: string; file: OutputFile }>();
    for (const tag of site.tags) {
      const file = byPath.get(tag.feedUrl.slice(1)) ?? this.tagFeeds.get(tag.feedUrl)?.file;
      if (file) next.set(tag.feedUrl, { signature: signature(tag), file });
    }
    this.tagFeeds.clear();
    for (const [key, value] of next) this.tagFeeds.set(key, value);
    const tagPaths = new Set(site.tags.map((tag) => tag.feedUrl.slice(1)));
    return [...files.filter((file) => !tagPaths.has(file.path)), ...[...next.values()].map((entry) => entry.file)];
  }

  private async renderChangedPages(site: Site, runner: StageRunner): Promise<{ files: OutputFile[]; rendered: number }> {
    const routes = await runner.run('routes', () => planRoutes(site));
    const theme = this.theme as Theme;
    const global = siteSignature(site, this.themeVersion);
    const stale = routes.filter((route) => this.pages.get(route.outputPath)?.signature !== routeSignature(route, global));
    const renderedFiles = await runner.run('render', () => renderPages(site, stale, theme));
    const fresh = new Map(renderedFiles.map((file) => [file.path, file]));
    const next = new Map<string, { signature: string; file: OutputFile }>();
    for (const route of routes) {
      const file = fresh.get(route.outputPath) ?? this.pages.get(route.outputPath)?.file;
      if (file) next.set(route.outputPath, { signature: routeSignature(route, global), file });
    }
    this.pages.clear();
    for (const [key, value] of next) this.pages.set(key, value);
    const assets = theme.assetFiles;
    const feeds = await this.renderChangedFeeds(site, routes, global, runner);
    const statics: OutputFile[] = site.statics.map((file) => ({ path: file.outputPath, copyFrom: file.path }));
    const files = await runner.run('check', () => checkOutputFiles([...assets, ...[...next.values()].map((entry) => entry.file), ...feeds, ...statics], routes));
    return { files, rendered: stale.length };
  }

  /** Rebuild after `changed` (site-relative paths); throws `BuildFailedError` like `build`. */
  async rebuild(changed: readonly string[], runner: StageRunner): Promise<IncrementalResult> {
    const siteWide = this.config === undefined || touchesSiteWide(changed, this.config);
    const root = path.resolve(this.options.root ?? '.');
    const config = siteWide || !this.config
      ? await runner.run('config', () => loadConfig(root, { now: this.options.now instanceof Date ? this.options.now.toISOString() : this.options.now }))
      : this.config;
    if (siteWide) {
      if (this.config && (this.config.configFile !== config.configFile || changed.some((file) => file.startsWith('sectorpress.config.')))) {
        this.files.clear();
        this.markdown.clear();
        this.processors = undefined;
      }
      this.theme = await runner.run('theme', () => loadTheme(config));
      this.themeVersion += 1;
      this.pages.clear();
      this.tagFeeds.clear();
    }
    this.config = config;
    const now = await runner.run('clock', () => resolveClock(config.now, process.env.SECTORPRESS_NOW));
    const sources = await runner.run('load', () => refreshContent(siteWide ? undefined : this.sources, changed, config));
    this.sources = sources;
    const read = this.readEntriesOf([...sources.posts, ...sources.pages, ...sources.events], config);
    const entries = await runner.run('entries', () => staged(read.entries, read.problems));
    const data = await runner.run('data', () => readData(sources.data));
    const rendered = await this.renderBodies(entries.jobs, config, runner);
    const site = await runner.run('model', () =>
      buildSite({ config, posts: entries.posts, pages: entries.pages, events: entries.events, rendered, data, statics: sources.statics }, { drafts: this.options.drafts ?? false, future: this.options.future ?? false, now }),
    );
    const { files, rendered: count } = await this.renderChangedPages(site, runner);
    return { config, site, files, rendered: count };
  }

  /** Forget everything (after a failed build, so the next one starts clean). */
  reset(): void {
    this.config = undefined;
  }
}

/**
 * The build pipeline with memory between runs, for the dev server. Each stage is
 * the same function `build` uses; what changes is that front matter is parsed only
 * for files whose bytes changed, Markdown is rendered only for new bodies
 * (source-memory.ts), the theme is reloaded only when theme or config files changed,
 * and a page is rendered only when its signature (render/route-signature.ts) changed. An
 * edit to post bodies alone skips the model too (patch-post-bodies.ts). A test
 * compares the result with a clean `build` after every step of a random series of edits.
 */
import path from 'node:path';
import type { BuildOptions, StageRunner } from '../build.js';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/types.js';
import { readData } from '../content/read-data.js';
import type { PostEntry, SourceSet } from '../content/types.js';
import { staged, type Problem } from '../shared/errors.js';
import { buildSite } from '../model/build-site.js';
import { resolveClock } from '../shared/dates.js';
import type { Mutable } from '../model/mutable.js';
import type { Post, Site } from '../model/types.js';
import { checkOutputFiles } from '../output/check-output.js';
import type { OutputFile } from '../shared/output-file.js';
import { loadTheme, type Theme } from '../render/load-theme.js';
import { renderPages } from '../render/render-pages.js';
import { planRoutes } from '../routes/plan-routes.js';
import type { Route } from '../routes/types.js';
import { clockMovedNothing, patchPostBodies, sameFrontMatter } from './patch-post-bodies.js';
import { refreshContent } from './refresh-content.js';
import { FeedMemory } from './render-changed-feeds.js';
import { routeSignature, siteSignature } from '../render/route-signature.js';
import { onlyPost, SourceMemory, type ReadFile } from './source-memory.js';

/** The last good model, kept so that a body-only edit can patch it. */
interface LastSite {
  readonly site: Site;
  readonly routes: Route[];
  readonly global: string;
  readonly now: Date;
  /** Problems of the model stage and of reading entries. */
  readonly modelProblems: readonly Problem[];
  readonly entryProblems: readonly Problem[];
  /**
   * Built by the first body-only edit and kept while the model is patched, instead of scanning
   * every list page on every edit (milliseconds at 1,000 posts). Patching replaces routes at the
   * same positions and keeps the post objects, so it stays true.
   */
  readonly showing?: ReadonlyMap<Post, readonly number[]>;
}

export interface IncrementalResult {
  readonly config: Config;
  readonly site: Site;
  readonly files: readonly OutputFile[];
  /** Pages actually rendered this time (the rest were reused). */
  readonly rendered: number;
  /** When set, only these files can differ from the last result (same paths as before). */
  readonly touched?: readonly OutputFile[];
}

function touchesSiteWide(changed: readonly string[], config: Config | undefined): boolean {
  return changed.some((file) => {
    if (/^sectorpress\.config\.|^theme\/|^data\//.test(file)) return true;
    const absolute = path.resolve(config?.root ?? '.', file);
    return config !== undefined && absolute.startsWith(config.theme + path.sep);
  });
}

/** For each post, the positions in `routes` of the pages that show it (its own page, and the lists it is on). */
function pagesShowing(routes: readonly Route[]): Map<Post, number[]> {
  const index = new Map<Post, number[]>();
  const add = (post: Post, at: number): void => {
    const list = index.get(post);
    if (!list) index.set(post, [at]);
    else if (list[list.length - 1] !== at) list.push(at);
  };
  routes.forEach((route, at) => {
    const context = route.context;
    if (context.kind === 'post') add(context.post, at);
    else if ('posts' in context) for (const post of context.posts) add(post, at);
  });
  return index;
}

export class IncrementalBuilder {
  private config: Config | undefined;
  private theme: Theme | undefined;
  private themeVersion = 0;
  private readonly sourceMemory: SourceMemory;
  private readonly pages = new Map<string, { signature: string; file: OutputFile }>();
  private readonly feeds = new FeedMemory();
  private sources: SourceSet | undefined;
  private last: LastSite | undefined;

  constructor(private readonly options: BuildOptions) {
    this.sourceMemory = new SourceMemory(options);
  }

  /** Render `stale` routes and remember them; every page's file, reused or fresh, in route order. */
  private async renderStale(site: Site, stale: readonly Route[], global: string, runner: StageRunner): Promise<OutputFile[]> {
    const fresh = await runner.run('render', () => renderPages(site, stale, this.theme as Theme));
    const byPath = new Map(fresh.map((file) => [file.path, file]));
    for (const route of stale) {
      const file = byPath.get(route.outputPath);
      if (file) this.pages.set(route.outputPath, { signature: routeSignature(route, global), file });
    }
    return fresh;
  }

  private allFiles(site: Site, feeds: readonly OutputFile[]): OutputFile[] {
    const statics: OutputFile[] = site.statics.map((file) => ({ path: file.outputPath, copyFrom: file.path }));
    return [...(this.theme as Theme).assetFiles, ...[...this.pages.values()].map((entry) => entry.file), ...feeds, ...statics];
  }

  /** The fast path: only post bodies changed, so patch the last model instead of rebuilding it. */
  private async patchBodies(last: LastSite, reads: ReadonlyMap<string, { before: ReadFile; after: ReadFile }>, now: Date, runner: StageRunner): Promise<IncrementalResult> {
    const config = this.config as Config;
    const entryProblems = [...last.entryProblems.filter((problem) => !reads.has(problem.file ?? '')), ...[...reads.values()].flatMap((read) => read.after.problems)];
    await runner.run('entries', () => staged(undefined, entryProblems));
    const jobs = [...reads.values()].flatMap((read) => read.after.entries.jobs);
    const rendered = await this.sourceMemory.render(jobs, config, runner, { replaced: [...reads.values()].flatMap((read) => read.before.entries.jobs) });
    const site = await runner.run('model', () => staged(last.site, last.modelProblems));
    const clockMoved = site.now.getTime() !== now.getTime();
    if (clockMoved) (site as Mutable<Site>).now = now;
    const posts = new Set(patchPostBodies(site, last.routes, [...reads.values()].map((read) => onlyPost(read.after) as PostEntry), rendered));
    const showing = last.showing ?? pagesShowing(last.routes);
    const positions = [...new Set([...posts].flatMap((post) => showing.get(post) ?? []))].sort((a, b) => a - b);
    const pages = await this.renderStale(site, positions.map((at) => last.routes[at] as Route), last.global, runner);
    const inFeeds = site.posts.slice(0, config.feedItems).some((post) => posts.has(post));
    const feeds = await this.feeds.render(site, last.routes, last.global, runner, !clockMoved && !inFeeds);
    this.last = { ...last, now, entryProblems, showing };
    // Same output paths as last time, all of which passed the output check then.
    return { config, site, files: this.allFiles(site, feeds), rendered: pages.length, touched: [...pages, ...feeds] };
  }

  /** Before and after of each changed file when all are posts whose front matter is as it was (and the clock moved nothing). */
  private bodyOnlyEdits(changed: readonly string[], sources: SourceSet, config: Config, last: LastSite, now: Date): Map<string, { before: ReadFile; after: ReadFile }> | undefined {
    const reads = new Map<string, { before: ReadFile; after: ReadFile }>();
    for (const file of changed) {
      const before = this.sourceMemory.files.get(file);
      const source = sources.posts.find((post) => post.relativePath === file);
      if (!before || !source) return undefined;
      const after = this.sourceMemory.read(source, config);
      const [old, current] = [onlyPost(before), onlyPost(after)];
      if (!old || !current || !sameFrontMatter(old, current)) return undefined;
      reads.set(file, { before, after });
    }
    if (now.getTime() === last.now.getTime()) return reads;
    const entries = [...this.sourceMemory.files.values()].map((read) => read.entries);
    return clockMovedNothing(last.now, now, entries.flatMap((set) => set.posts), entries.flatMap((set) => set.events)) ? reads : undefined;
  }

  /** Warm up what an edit will need (see `SourceMemory.warmUp`); safe to run beside rebuilds. */
  async warmUp(): Promise<void> {
    if (this.config) await this.sourceMemory.warmUp(this.config);
  }

  /** Rebuild after `changed` (site-relative paths); throws `BuildFailedError` like `build`. */
  async rebuild(changed: readonly string[], runner: StageRunner): Promise<IncrementalResult> {
    const last = this.last;
    this.last = undefined; // only a rebuild that succeeds may be patched later
    const siteWide = this.config === undefined || touchesSiteWide(changed, this.config);
    const root = path.resolve(this.options.root ?? '.');
    const config = siteWide || !this.config
      ? await runner.run('config', () => loadConfig(root, { now: this.options.now instanceof Date ? this.options.now.toISOString() : this.options.now }))
      : this.config;
    if (siteWide) {
      if (this.config && (this.config.configFile !== config.configFile || changed.some((file) => file.startsWith('sectorpress.config.')))) this.sourceMemory.clear();
      this.theme = await runner.run('theme', () => loadTheme(config));
      this.themeVersion += 1;
      this.pages.clear();
      this.feeds.clear();
    }
    this.config = config;
    const now = await runner.run('clock', () => resolveClock(config.now, process.env.SECTORPRESS_NOW));
    const sources = await runner.run('load', () => refreshContent(siteWide ? undefined : this.sources, changed, config));
    this.sources = sources;
    const bodyOnly = !siteWide && last && changed.length > 0 ? this.bodyOnlyEdits(changed, sources, config, last, now) : undefined;
    if (last && bodyOnly) return this.patchBodies(last, bodyOnly, now, runner);
    let entryProblems: readonly Problem[] = [];
    const entries = await runner.run('entries', () => {
      const read = this.sourceMemory.readAll([...sources.posts, ...sources.pages, ...sources.events], config);
      entryProblems = read.problems;
      return staged(read.entries, read.problems);
    });
    const data = await runner.run('data', () => readData(sources.data));
    const rendered = await this.sourceMemory.render(entries.jobs, config, runner, { all: true });
    let modelProblems: readonly Problem[] = [];
    const site = await runner.run('model', () => {
      const model = buildSite({ config, posts: entries.posts, pages: entries.pages, events: entries.events, rendered, data, statics: sources.statics }, { drafts: this.options.drafts ?? false, future: this.options.future ?? false, now });
      modelProblems = model.problems;
      return model;
    });
    const routes = await runner.run('routes', () => planRoutes(site));
    const global = siteSignature(site, this.themeVersion);
    const stale = routes.filter((route) => this.pages.get(route.outputPath)?.signature !== routeSignature(route, global));
    const wanted = new Set(routes.map((route) => route.outputPath));
    for (const key of this.pages.keys()) if (!wanted.has(key)) this.pages.delete(key);
    const pages = await this.renderStale(site, stale, global, runner);
    const feeds = await this.feeds.render(site, routes, global, runner, false);
    const files = await runner.run('check', () => checkOutputFiles(this.allFiles(site, feeds), routes));
    this.last = { site, routes: [...routes], global, now, modelProblems, entryProblems };
    return { config, site, files, rendered: pages.length };
  }
}

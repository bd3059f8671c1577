/**
 * What the builder remembers about sources between runs: the entries read
 * from each content file (keyed by its digest, so front matter is parsed again only
 * when the file's bytes change) and the rendered Markdown of every body (keyed by
 * the body's hash, so an unchanged body is never rendered twice).
 */
import type { BuildOptions } from '../build.js';
import type { StageRunner } from './stage-runner.js';
import type { Config } from '../config/types.js';
import { readEntries } from '../content/read-entries.js';
import { FrontMatterCache } from '../content/front-matter-cache.js';
import type { YamlMemo } from '../content/front-matter.js';
import type { EntrySet, EventEntry, PageEntry, PostEntry, SourceFile } from '../content/types.js';
import { warningProblem, type Problem } from '../shared/errors.js';
import { createProcessors, type ProcessorFor } from '../markdown/create-processor.js';
import { jobKey } from '../markdown/markdown-cache.js';
import { imageProblems } from '../markdown/image-problems.js';
import type { BodyImages } from '../images/types.js';
import { renderMarkdown } from '../markdown/render-markdown.js';
import { withImages } from './releasable-job.js';
import { renderMarkdownJobs, rendersInWorkers } from '../markdown/render-markdown-jobs.js';
import { endWarmWorker } from '../markdown/render-in-workers.js';
import type { MarkdownJob, RenderedMarkdown } from '../markdown/types.js';

/** The entries and problems read from one content file. */
export interface ReadFile {
  readonly digest: string;
  readonly entries: EntrySet;
  readonly problems: readonly Problem[];
}

/** Rendered bodies by job id, and how many were rendered now or taken from the on-disk cache. */
export interface RenderedBodies {
  readonly byId: ReadonlyMap<string, RenderedMarkdown>;
  readonly rendered: number;
  readonly cached: number;
  /** Missing image files and missing alt text in these bodies (kept with each body, so a cached body reports them too). */
  readonly imageProblems: readonly Problem[];
}

export class SourceMemory {
  readonly files = new Map<string, ReadFile>();
  private readonly markdown = new Map<string, RenderedMarkdown>();
  /** Hashing every body on every rebuild costs more than rendering one; unchanged files keep their job objects. */
  private readonly bodyKeys = new WeakMap<MarkdownJob, string>();
  private processors: ProcessorFor | undefined;
  /** Applied to every rendered body as it arrives (`build()` moves the HTML to disk: markdown/body-spool.ts). */
  keep: ((body: RenderedMarkdown) => RenderedMarkdown) | undefined;

  /** `once`: no later render will come (`build()`, `loadSite()`), so no worker is kept warm for one. */
  constructor(
    private readonly options: BuildOptions,
    private readonly once = false,
  ) {}

  /** Forget everything (the config changed: Markdown plugins may differ). */
  clear(): void {
    this.files.clear();
    this.markdown.clear();
    this.processors = undefined;
  }

  /** One file's entries, parsed again only if its digest changed. */
  read(file: SourceFile, config: Config, memo?: YamlMemo): ReadFile {
    let read = this.files.get(file.relativePath);
    if (!read || read.digest !== file.digest) {
      const single = readEntries({ posts: file.kind === 'post' ? [file] : [], pages: file.kind === 'page' ? [file] : [], events: file.kind === 'event' ? [file] : [] }, config, memo);
      read = { digest: file.digest, entries: single.value, problems: single.problems };
      this.files.set(file.relativePath, read);
    }
    return read;
  }

  /**
   * Every file's entries; files no longer present are forgotten. The first run (nothing read yet)
   * takes parsed front matter from the on-disk cache and saves it again for the next process;
   * later runs parse only the files that changed, so they leave the disk alone.
   */
  async readAll(files: readonly SourceFile[], config: Config): Promise<{ entries: EntrySet; problems: Problem[] }> {
    const disk = this.files.size === 0 ? await FrontMatterCache.open(config.root, this.options.cache ?? true) : undefined;
    const read = this.readEach(files, config, disk);
    try {
      await disk?.save();
    } catch (error) {
      read.problems.push(
        warningProblem({
          code: 'content/cache',
          message: `The front matter cache could not be saved (${error instanceof Error ? error.message : String(error)}); the next build will parse every file again.`,
          hint: 'Check node_modules/.cache/sectorpress in the site folder is writable.',
        }),
      );
    }
    return read;
  }

  private readEach(files: readonly SourceFile[], config: Config, memo: YamlMemo | undefined): { entries: EntrySet; problems: Problem[] } {
    const posts: PostEntry[] = [];
    const pages: PageEntry[] = [];
    const events: EventEntry[] = [];
    const jobs: MarkdownJob[] = [];
    const problems: Problem[] = [];
    const seen = new Set<string>();
    for (const file of files) {
      seen.add(file.relativePath);
      const read = this.read(file, config, memo);
      posts.push(...read.entries.posts);
      pages.push(...read.entries.pages);
      events.push(...read.entries.events);
      jobs.push(...read.entries.jobs);
      problems.push(...read.problems);
    }
    for (const key of this.files.keys()) if (!seen.has(key)) this.files.delete(key);
    return { entries: { posts, pages, events, jobs }, problems };
  }

  private keyOf(job: MarkdownJob): string {
    let key = this.bodyKeys.get(job);
    if (key === undefined) this.bodyKeys.set(job, (key = jobKey(job)));
    return key;
  }

  /**
   * Rendered Markdown for `jobs` by job id, rendering only bodies not seen before (the first
   * run uses the on-disk cache). With scope `all`, `jobs` is every body of the site and bodies
   * no longer used are dropped. `images` gives each body the site images it shows (images stage);
   * `settled` is told each job the Markdown stage is done with (releasable-job.ts).
   */
  async render(
    contentJobs: readonly MarkdownJob[],
    config: Config,
    runner: StageRunner,
    scope: 'all' | 'some' = 'all',
    images?: ReadonlyMap<string, BodyImages>,
    settled?: (id: string) => void,
  ): Promise<RenderedBodies> {
    const jobs = images && images.size > 0 ? contentJobs.map((job) => withImages(job, images.get(job.id))) : contentJobs;
    const missing = jobs.filter((job) => !this.markdown.has(this.keyOf(job)));
    const cache = this.markdown.size === 0 && (this.options.cache ?? true);
    const rendered = await runner.run('markdown', () =>
      renderMarkdownJobs(missing, config, {
        cache,
        workers: this.options.workers,
        // Given processors, the stage also warms a worker for the next call.
        processors: this.once ? undefined : (this.processors ??= createProcessors(config.markdown, config.basePath)),
        keep: this.keep,
        settled,
        keyOf: (job) => this.keyOf(job),
      }),
    );
    if (this.once) endWarmWorker();
    for (const job of missing) {
      const value = rendered.byId.get(job.id);
      if (value) this.markdown.set(this.keyOf(job), value);
    }
    const byId = new Map<string, RenderedMarkdown>();
    const used = new Set<string>();
    for (const job of jobs) {
      const key = this.keyOf(job);
      used.add(key);
      const value = this.markdown.get(key);
      if (value) byId.set(job.id, value);
    }
    // With only some of the site's bodies, the rest are kept (replaced bodies go at the next full run).
    if (scope === 'all') for (const key of this.markdown.keys()) if (!used.has(key)) this.markdown.delete(key);
    return { byId, rendered: rendered.renderedCount, cached: rendered.cacheHits, imageProblems: imageProblems(jobs, byId) };
  }

  /**
   * Run a few of the site's bodies through this thread's Markdown processor, one per
   * turn of the event loop, and throw the results away, when edits will render on this
   * thread (plugins given in code, `workers: 0`): otherwise the first edits pay for warming up the parser.
   */
  async warmUp(config: Config, count = 16): Promise<void> {
    // Bodies rendered in workers never touch this thread's processor; the Markdown stage warms the worker.
    if (rendersInWorkers(config, this.options.workers)) return;
    const processors = (this.processors ??= createProcessors(config.markdown, config.basePath));
    const jobs = [...this.files.values()].flatMap((read) => read.entries.jobs).slice(0, count);
    for (const job of jobs) {
      await new Promise((resolve) => setImmediate(resolve));
      await renderMarkdown(processors, job.body).catch(() => undefined);
    }
  }
}

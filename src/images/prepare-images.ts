/**
 * The images stage, between reading entries and rendering Markdown: find the site images that
 * bodies, lead images and avatars use, measure them, plan their variants and make the ones
 * missing from the cache. Markdown then writes final markup with known sizes, and templates
 * read the same data from the `Site` model.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config/types.js';
import type { AuthorRecord, MarkdownJob, PageEntry, PostEntry, StaticFile } from '../content/types.js';
import { errorProblem, staged, warningProblem, type Problem, type Staged } from '../shared/errors.js';
import type { OutputFile } from '../shared/output-file.js';
import { findImageUrls, IMAGE_EXTENSION, resolveStatic } from './find-image-urls.js';
import { encoderSettings, imageCacheFolder, makeVariants, pruneVariantCache } from './make-variants.js';
import { planVariants, type ImageUse, type VariantJob } from './plan-variants.js';
import { readFactsIndex, readImageFacts, writeFactsIndex, type FactsIndex } from './read-image-facts.js';
import { STRIPPED_EXTENSION, stripJob, stripOriginals, type StripJob } from './strip-metadata.js';
import type { BodyImages, SiteImage } from './types.js';

/** What the stage reads. */
export interface ImageInput {
  readonly config: Config;
  readonly jobs: readonly MarkdownJob[];
  readonly posts: readonly PostEntry[];
  readonly pages: readonly PageEntry[];
  readonly authors: ReadonlyMap<string, AuthorRecord>;
  readonly statics: readonly StaticFile[];
  /** Whether drafts are built: a draft's missing photo must not stop a build without them. */
  readonly drafts: boolean;
}

/** What the stage gives: the images by site URL, each body's images, the variant files, and how much work was done. */
export interface PreparedImages {
  readonly images: ReadonlyMap<string, SiteImage>;
  /** By `MarkdownJob.id`; bodies that show no site image are absent. */
  readonly bodies: ReadonlyMap<string, BodyImages>;
  readonly files: readonly OutputFile[];
  /** Output paths of the `static/` images published stripped of their metadata (in `files`, in place of the file itself). */
  readonly replaced: readonly string[];
  /** Variants (and stripped originals) encoded in this run, and those taken from the cache. */
  readonly made: number;
  readonly cached: number;
  /**
   * Lead images whose file is missing: errors the model stage reports, so they come out
   * together with the body's own image errors from the Markdown stage.
   */
  readonly leadProblems: readonly Problem[];
}

const NONE: PreparedImages = { images: new Map(), bodies: new Map(), files: [], replaced: [], made: 0, cached: 0, leadProblems: [] };

/** Which static files are used, and how. */
class Uses {
  readonly byFile = new Map<string, { file: StaticFile; uses: Set<ImageUse> }>();
  add(file: StaticFile, use: ImageUse): void {
    const entry = this.byFile.get(file.outputPath) ?? { file, uses: new Set<ImageUse>() };
    entry.uses.add(use);
    this.byFile.set(file.outputPath, entry);
  }
}

/** Site-relative URLs only: `https://…` and `//host/…` images are someone else's. */
const isSitePath = (url: string): boolean => url.startsWith('/') && !url.startsWith('//');

function leadProblem(post: PostEntry, image: string): Problem {
  const at = post.positions.image;
  return errorProblem({
    code: 'image/missing',
    message: `The lead image ${image} is not in static/.`,
    hint: `Add static${image.startsWith('/') ? '' : '/'}${image}, or fix the \`image\` path.`,
    file: post.source.relativePath,
    line: at?.line,
    column: at?.column,
  });
}

/** The bodies and posts to look at: drafts only when they are built. */
function published(input: ImageInput): { jobs: readonly MarkdownJob[]; posts: readonly PostEntry[] } {
  if (input.drafts) return input;
  const hidden = new Set([...input.posts, ...input.pages].filter((entry) => entry.draft).map((entry) => entry.source.relativePath));
  return hidden.size === 0 ? input : { jobs: input.jobs.filter((job) => !hidden.has(job.id)), posts: input.posts.filter((post) => !post.draft) };
}

function collectUses(input: ImageInput, statics: ReadonlyMap<string, StaticFile>): { uses: Uses; bodyUrls: Map<string, Map<string, StaticFile | null>>; problems: Problem[] } {
  const { basePath } = input.config;
  const { jobs, posts } = published(input);
  const uses = new Uses();
  const problems: Problem[] = [];
  const bodyUrls = new Map<string, Map<string, StaticFile | null>>();
  for (const job of jobs) {
    const found = new Map<string, StaticFile | null>();
    for (const url of findImageUrls(job.body)) {
      const file = resolveStatic(url, basePath, statics);
      found.set(url, file ?? null);
      if (file) uses.add(file, 'content');
    }
    if (found.size > 0) bodyUrls.set(job.id, found);
  }
  for (const post of posts) {
    if (!post.image || !isSitePath(post.image)) continue;
    const file = resolveStatic(post.image, basePath, statics);
    if (file && IMAGE_EXTENSION.test(file.outputPath)) uses.add(file, 'lead');
    else if (!file) problems.push(leadProblem(post, post.image));
  }
  for (const author of input.authors.values()) {
    const file = author.avatar && isSitePath(author.avatar) ? resolveStatic(author.avatar, basePath, statics) : undefined;
    if (file && IMAGE_EXTENSION.test(file.outputPath)) uses.add(file, 'avatar');
  }
  return { uses, bodyUrls, problems };
}

function stripProblem(job: StripJob, message: string, root: string): Problem {
  return errorProblem({
    code: 'image/metadata',
    message: `The image's metadata (EXIF, GPS, XMP) could not be removed, so it cannot be published: ${message}`,
    hint: 'Check the file opens in an image viewer, or save it again as JPEG or PNG.',
    file: path.relative(root, job.source).split(path.sep).join('/'),
  });
}

function failureProblem(job: VariantJob, message: string, root: string): Problem {
  return errorProblem({
    code: 'image/resize',
    message: `The image could not be resized to ${job.variant.width} px ${job.variant.format}: ${message}`,
    hint: 'Check the file opens in an image viewer, or save it again as JPEG or PNG.',
    file: path.relative(root, job.source).split(path.sep).join('/'),
  });
}

/** State kept between runs of one builder: the facts index and the cache files known to exist. */
export class ImageMemory {
  private index: FactsIndex | undefined;
  private readonly known = new Set<string>();

  /** Run the stage (see the module comment). With `images: false` it does nothing. */
  async prepare(input: ImageInput): Promise<Staged<PreparedImages>> {
    const { config } = input;
    if (config.images === false) return staged(NONE);
    const statics = new Map(input.statics.map((file) => [file.outputPath, file]));
    const { uses, bodyUrls, problems: leadProblems } = collectUses(input, statics);
    // Every image published, used by a page or not, is looked at for metadata to strip.
    const photos = input.statics.filter((file) => STRIPPED_EXTENSION.test(file.outputPath));
    if (uses.byFile.size === 0 && bodyUrls.size === 0 && photos.length === 0) return staged({ ...NONE, leadProblems });
    const problems: Problem[] = [];
    this.index ??= await readFactsIndex(config.root);
    // The used images and the photos, once each (both are keyed by output path).
    const toRead = new Map([...uses.byFile].map(([outputPath, entry]) => [outputPath, entry.file]));
    for (const file of photos) if (!toRead.has(file.outputPath)) toRead.set(file.outputPath, file);
    const read = await readImageFacts([...toRead.values()], this.index);
    const digest = createHash('sha1')
      .update(await encoderSettings())
      .digest('hex')
      .slice(0, 8);
    const images = new Map<string, SiteImage>();
    const jobs: VariantJob[] = [];
    for (const { file, uses: how } of uses.byFile.values()) {
      const facts = read.facts.get(file.outputPath);
      if (!facts) continue;
      const planned = planVariants(facts, how, config.images, digest);
      images.set(planned.image.url, planned.image);
      jobs.push(...planned.jobs);
    }
    const made = await makeVariants(jobs, config.root, this.known);
    problems.push(...made.failed.map(({ job, message }) => failureProblem(job, message, config.root)));
    const strips = [...read.facts.values()].flatMap((facts) => stripJob(facts, digest) ?? []);
    const stripped = await stripOriginals(strips, config.root, this.known);
    problems.push(...stripped.failed.map(({ job, message }) => stripProblem(job, message, config.root)));
    await this.save(config.root, read.changed, [...jobs.map((job) => job.cacheName), ...strips.map((job) => job.cacheName)], problems);
    const bodies = new Map<string, BodyImages>();
    for (const [id, found] of bodyUrls) {
      bodies.set(id, Object.fromEntries([...found].map(([url, file]) => [url, file ? (images.get(`/${file.outputPath}`) ?? null) : null])));
    }
    const folder = imageCacheFolder(config.root);
    // Two files with the same name and bytes (in different folders) share their variants: one output file each.
    const files: OutputFile[] = [...new Map(jobs.map((job) => [job.variant.url, { path: job.variant.url.slice(1), copyFrom: path.join(folder, job.cacheName) }])).values()];
    // A file whose metadata could not be removed is published neither stripped nor as it is (the build fails).
    const replaced = strips.map((job) => job.outputPath);
    return staged(
      {
        images,
        bodies,
        files: files.concat(stripped.files),
        replaced,
        made: made.made + stripped.made,
        cached: made.cached + stripped.files.length - stripped.made,
        leadProblems,
      },
      problems,
    );
  }

  /** Keep the facts index and drop cache files no image uses any more; failing only costs work next time. */
  private async save(root: string, changed: boolean, cacheNames: readonly string[], problems: Problem[]): Promise<void> {
    try {
      if (changed && this.index) await writeFactsIndex(root, this.index);
      await pruneVariantCache(imageCacheFolder(root), new Set(cacheNames), this.known);
    } catch (error) {
      problems.push(
        warningProblem({
          code: 'image/cache',
          message: `The image cache could not be saved (${error instanceof Error ? error.message : String(error)}); the next build will measure the images again.`,
          hint: 'Check node_modules/.cache/sectorpress in the site folder is writable.',
        }),
      );
    }
  }
}

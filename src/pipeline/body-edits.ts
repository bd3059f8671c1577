/**
 * What the body-edit path (site-builder.ts) asks of the last model: which changed files make a body
 * edit it can take without rebuilding the model, whether moving the clock changes what is published,
 * and which post a file holds, without a walk of every post on a large site.
 */
import type { Config } from '../config/types.js';
import type { EventEntry, PostEntry, SourceSet } from '../content/types.js';
import type { Problem } from '../shared/errors.js';
import type { Post } from '../model/types.js';
import type { BuildRun } from './site-builder.js';
import type { ReadFile, SourceMemory } from './source-memory.js';
import { sourceAt } from './refresh-content.js';
import { ListPositions } from './list-positions.js';

/** The last good run of a builder, with every problem it reported. */
export interface LastRun extends BuildRun {
  readonly problems: readonly Problem[];
}

/** One edited post: its file read before and after, and its post in the last model. */
export interface BodyEdit {
  readonly before: ReadFile;
  readonly after: ReadFile;
  readonly post: Post;
}

/** The single post a file holds, if that is all it holds. */
export function onlyPost(read: ReadFile | undefined): PostEntry | undefined {
  if (read?.entries.posts.length !== 1 || read.entries.pages.length + read.entries.events.length > 0) return undefined;
  return read.entries.posts[0];
}

/**
 * For each changed post file, its reads and post, when every one is a published post whose front
 * matter (and its problems) are unchanged; otherwise `undefined`.
 */
export function findBodyEdits(changed: readonly string[], sources: SourceSet, config: Config, last: LastRun, memory: SourceMemory): BodyEdit[] | undefined {
  const edits: BodyEdit[] = [];
  const known = new Set(last.problems);
  for (const file of changed) {
    const before = memory.files.get(file);
    const source = sourceAt(sources, file);
    if (!before || !source) return undefined;
    const after = memory.read(source, config);
    const [old, current] = [onlyPost(before), onlyPost(after)];
    if (!old || !current || !sameFrontMatter(old, current)) return undefined;
    // Problems of this file other than its front matter's (say, of its old body) would outlive the edit.
    if (last.problems.some((problem) => problem.file === file && !before.problems.includes(problem)) || before.problems.some((problem) => !known.has(problem))) return undefined;
    const post = postAt(last.site.posts, file);
    if (!post) return undefined; // a draft or future post: the full path is cheap enough
    edits.push({ before, after, post });
  }
  return edits;
}

/** Everything about a post entry except its body, as a comparable string. */
function frontMatterOf(entry: PostEntry): string {
  return JSON.stringify({ ...entry, source: entry.source.relativePath, body: undefined });
}

/** True when the two post entries differ in their body (and digest) only. */
function sameFrontMatter(before: PostEntry, after: PostEntry): boolean {
  return frontMatterOf(before) === frontMatterOf(after);
}

/**
 * True when moving the clock from `before` to `after` publishes no post and moves no event
 * between upcoming and past: then the model depends on the clock only through `site.now`.
 */
export function clockMovedNothing(before: Date, after: Date, posts: readonly PostEntry[], events: readonly EventEntry[]): boolean {
  const low = Math.min(before.getTime(), after.getTime());
  const high = Math.max(before.getTime(), after.getTime());
  if (low === high) return true;
  const within = (date: Date): boolean => date.getTime() >= low && date.getTime() <= high;
  return !posts.some((post) => within(post.date)) && !events.some((event) => within(event.end ?? event.start));
}

/** The site's post lists by source path (list-positions.ts). */
const postPositions = new ListPositions<Post>((post) => post.source.relativePath);

/** Index `posts` by source path now, so the first edit does not pay for it (a dev server warming up). */
export function indexPosts(posts: readonly Post[]): void {
  postPositions.of(posts);
}

/** The post of `posts` whose source is `file` (site-relative), without a walk of every post at each edit. */
function postAt(posts: readonly Post[], file: string): Post | undefined {
  return postPositions.find(posts, file);
}

/** Which changed files make a body edit the builder can take without rebuilding the model (site-builder.ts). */
import type { Config } from '../config/types.js';
import type { PostEntry, SourceSet } from '../content/types.js';
import type { Problem } from '../shared/errors.js';
import type { Post } from '../model/types.js';
import type { BuildRun } from './site-builder.js';
import type { ReadFile, SourceMemory } from './source-memory.js';
import { sourceAt } from './refresh-content.js';
import { postAt, sameFrontMatter } from './post-edits.js';

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

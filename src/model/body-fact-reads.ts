/**
 * Which pages show the facts a post's body gives it (its excerpt and reading time) for posts
 * that are not their own. A page's own posts are its post, or the posts of its list; their
 * source is part of its signature, so an edit of them renders it again anyway. A theme may
 * show any post's excerpt anywhere (a sidebar of `site.posts`, a "next post" teaser), so
 * a builder that renders pages notes each read while a page renders: while no page has read
 * another post's body facts, an edit that changes a post's excerpt or reading time need not
 * render every page again, in the dev server, `watch()` or the next build (the page record
 * keeps the answer: render/page-cache.ts).
 */
import type { Post } from './types.js';

export class BodyFactReads {
  /** A page's own posts: one, or a page of a list, so a scan costs less than a set made per page. */
  private own: readonly Post[] | undefined;
  private strayed = false;

  /** Start noting reads for a page whose own posts are `own`. */
  watch(own: readonly Post[]): void {
    this.own = own;
    this.strayed = false;
  }

  /** Stop noting; true when the page read the excerpt or reading time of a post not its own. */
  stop(): boolean {
    const strayed = this.strayed;
    this.own = undefined;
    this.strayed = false;
    return strayed;
  }

  /** Called by a watched post whenever its excerpt or reading time is read. */
  read(post: Post): void {
    if (this.own && !this.own.includes(post)) this.strayed = true;
  }
}

/** The fields `watchBodyFacts` watches: the ones a body edit can change that other pages may show. */
const BODY_FACTS = ['excerpt', 'readingMinutes'] as const;

/**
 * `post` itself, its excerpt and reading time now read through `reads`. Own properties (not a
 * prototype's getters), which templates may read: Handlebars refuses prototype properties. A
 * helper that assigns to them still can, as it could to the plain fields.
 */
export function watchBodyFacts(post: Post, reads: BodyFactReads): Post {
  for (const field of BODY_FACTS) {
    let value: unknown = post[field];
    Object.defineProperty(post, field, {
      get: () => {
        reads.read(post);
        return value;
      },
      set: (next: unknown) => {
        value = next;
      },
      enumerable: true,
      configurable: true,
    });
  }
  return post;
}

/** Routes are data: what to render where, checked for collisions by `planRoutes` before anything renders. */
import type { Author, Event, Page, Post, Tag, YearArchive, MonthArchive } from '../model/types.js';

export type HtmlRouteKind = 'home' | 'post' | 'page' | 'tag' | 'tags' | 'author' | 'year' | 'month' | 'events' | 'event' | 'search' | 'not-found';

/** Where a paginated list is and how to move through it. URLs are root-relative. */
export interface Pagination {
  /** 1-based. */
  readonly page: number;
  readonly pages: number;
  readonly perPage: number;
  readonly total: number;
  readonly previousUrl: string | undefined;
  readonly nextUrl: string | undefined;
  readonly firstUrl: string;
  readonly lastUrl: string;
}

export interface ListContext {
  readonly posts: readonly Post[];
  readonly pagination: Pagination;
}

/** What each kind of page receives besides the shared fields (see docs/templates.md). */
export type RouteContext =
  | ({ readonly kind: 'home' } & ListContext)
  | { readonly kind: 'post'; readonly post: Post }
  | { readonly kind: 'page'; readonly page: Page }
  | ({ readonly kind: 'tag'; readonly tag: Tag } & ListContext)
  | { readonly kind: 'tags'; readonly tags: readonly Tag[] }
  | ({ readonly kind: 'author'; readonly author: Author } & ListContext)
  | ({ readonly kind: 'year'; readonly archive: YearArchive } & ListContext)
  | ({ readonly kind: 'month'; readonly archive: MonthArchive } & ListContext)
  | { readonly kind: 'events'; readonly upcoming: readonly Event[]; readonly past: readonly Event[] }
  | { readonly kind: 'event'; readonly event: Event }
  // `shards`: how many bundles the search index is split into, when more than one (docs/search.md).
  | { readonly kind: 'search'; readonly shards?: number }
  | { readonly kind: 'not-found' };

/** A link to a page in one language (multilingual sites; docs/languages.md). */
export interface LanguageLink {
  /** The language's code, e.g. `cy`: the link's `lang`. */
  readonly lang: string;
  /** `hreflang`: the code, or `x-default` for the default language's version. */
  readonly hreflang: string;
  /** The language's name in its own words ("Cymraeg"). */
  readonly name: string;
  /** Public path, base path included: print it as it is. */
  readonly href: string;
  readonly absoluteUrl: string;
  /** False when this page has no translation in that language, so the link goes to that language's home page. */
  readonly translated: boolean;
}

/** One HTML page to render. */
export interface Route {
  readonly kind: HtmlRouteKind;
  /** Root-relative URL, e.g. `/tag/ofsted/page/2/`; `/404.html` for the 404 page. */
  readonly url: string;
  /** Relative to the output folder, posix, e.g. `tag/ofsted/page/2/index.html`. */
  readonly outputPath: string;
  /** Template names to try in order (without `.hbs`), e.g. `['tag-ofsted', 'tag', 'index']`. */
  readonly templates: readonly string[];
  /** Document title (without the site title) and meta description. */
  readonly title: string;
  readonly description: string;
  readonly context: RouteContext;
  /** Source files that produced this route (for collision messages), relative paths. */
  readonly sources: readonly string[];
  /** Multilingual sites only: the page's language; its `url` is relative to that language's home, its `outputPath` is not. */
  readonly language?: string;
  /** Multilingual sites only: this page in every language it exists in (itself included) and `x-default`; empty without translations. */
  readonly alternates?: readonly LanguageLink[];
  /** Multilingual sites only: one link per other language, to this page's translation or else that language's home. */
  readonly switcher?: readonly LanguageLink[];
}

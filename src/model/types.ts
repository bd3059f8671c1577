/**
 * The one read-only `Site` model. Everything derived (prev/next, related posts,
 * tag counts, archives, the next event) is computed once in `buildSite`;
 * routes, templates and feeds only read it.
 */
import type { Config } from '../config/types.js';
import type { SiteData, SourceRef, StaticFile } from '../content/types.js';
import type { SiteImage } from '../images/types.js';

/** A post as every template and feed sees it. */
export interface Post {
  readonly kind: 'post';
  readonly source: SourceRef;
  readonly title: string;
  readonly slug: string;
  readonly date: Date;
  readonly updated: Date | undefined;
  /** Root-relative URL ending in `/`, e.g. `/2019/04/a-new-year/`. */
  readonly url: string;
  readonly absoluteUrl: string;
  /** Year and month in the site time zone (month 1–12). */
  readonly year: number;
  readonly month: number;
  readonly tags: readonly Tag[];
  readonly authors: readonly Author[];
  /** Plain-text standfirst from front matter (escape when printing). */
  readonly summary: string | undefined;
  /** Plain text: the summary, else the first paragraph. */
  readonly excerpt: string;
  readonly html: string;
  readonly wordCount: number;
  readonly readingMinutes: number;
  readonly image: string | undefined;
  readonly imageAlt: string | undefined;
  readonly draft: boolean;
  /** Feed id from front matter `guid` (kept from an earlier platform); feeds use the URL without it. */
  readonly guid?: string;
  /** Pinned first on the home page (front matter `sticky: true`). */
  readonly sticky?: boolean;
  /**
   * Read-only comments in the order written (front matter `comments`). Only these fields exist:
   * e-mail and IP addresses never reach the model. `paragraphs` is plain text (escape when printing);
   * link `website`, the commenter's own site (front matter `url`), with `rel="nofollow ugc"`.
   */
  readonly comments?: readonly { readonly name: string; readonly date: Date; readonly paragraphs: readonly string[]; readonly website: string | undefined }[];
  /** The next older post. */
  readonly previous: Post | undefined;
  /** The next newer post. */
  readonly next: Post | undefined;
  readonly related: readonly Post[];
}

export interface Tag {
  /** Display spelling: the one most of its posts use (ties: the oldest post's). */
  readonly name: string;
  readonly slug: string;
  readonly url: string;
  readonly feedUrl: string;
  /** Newest first. */
  readonly posts: readonly Post[];
  readonly count: number;
}

export interface Author {
  readonly key: string;
  readonly slug: string;
  readonly name: string;
  readonly role: string | undefined;
  readonly email: string | undefined;
  /** URL of the avatar image (as written; root-relative or absolute). */
  readonly avatar: string | undefined;
  readonly bio: string | undefined;
  /** The author's own web site. */
  readonly website: string | undefined;
  /** The author archive page. */
  readonly url: string;
  /** Newest first. */
  readonly posts: readonly Post[];
  /** False for keys used in posts but missing from `data/authors.yml`. */
  readonly known: boolean;
}

export interface Page {
  readonly kind: 'page';
  readonly source: SourceRef;
  readonly title: string;
  readonly url: string;
  readonly absoluteUrl: string;
  readonly summary: string | undefined;
  readonly excerpt: string;
  readonly html: string;
  readonly order: number | undefined;
}

export interface Event {
  readonly kind: 'event';
  readonly source: SourceRef;
  readonly title: string;
  readonly slug: string;
  readonly start: Date;
  readonly end: Date | undefined;
  readonly location: string | undefined;
  readonly bookingUrl: string | undefined;
  readonly summary: string | undefined;
  readonly excerpt: string;
  readonly html: string;
  readonly url: string;
  readonly absoluteUrl: string;
  /** The event's own calendar file, e.g. `/events/regional-conference/event.ics`. */
  readonly icsUrl: string;
  /** Starts at or after the clock (or is still running). */
  readonly upcoming: boolean;
}

export interface MonthArchive {
  readonly year: number;
  readonly month: number;
  readonly url: string;
  /** Newest first. */
  readonly posts: readonly Post[];
}

export interface YearArchive {
  readonly year: number;
  readonly url: string;
  readonly posts: readonly Post[];
  /** Newest month first. */
  readonly months: readonly MonthArchive[];
}

/** One language of a multilingual site (docs/languages.md); absent on single-language sites. */
export interface SiteLanguage {
  /** BCP 47 code as configured, e.g. `en-GB`, `cy`. */
  readonly code: string;
  /** Its name in its own words ("English", "Cymraeg"): what the language switcher says. */
  readonly name: string;
  readonly isDefault: boolean;
  /** Output folder of its pages: `''` for the default language, `cy/` for Welsh. */
  readonly folder: string;
  /** The site root's base path: theme assets and static files are shared by every language and live there. */
  readonly rootBasePath: string;
  /** The site root's absolute URL (the default language's `config.url`). */
  readonly rootUrl: string;
  /** Public path of its home page (base path included), e.g. `/cy/`. */
  readonly homePath: string;
}

/** The whole site, as templates, routes and feeds read it. */
export interface Site {
  /** On a multilingual site, this language's config: its title, navigation, `language`, and a `url`/`basePath` ending in its folder. */
  readonly config: Config;
  /** The language this model holds (multilingual sites only). */
  readonly language?: SiteLanguage;
  /** Every language, the default first (multilingual sites only). */
  readonly languages?: readonly SiteLanguage[];
  /** On the default language's model only: the model of each other language, in config order. */
  readonly translations?: readonly Site[];
  /** Source path → `translationKey`, for every entry of every language that has one (multilingual sites only). */
  readonly translationKeys?: ReadonlyMap<string, string>;
  /** The build clock. */
  readonly now: Date;
  /** Published posts, newest first (ties broken by source path). */
  readonly posts: readonly Post[];
  readonly pages: readonly Page[];
  /** Sorted by name (locale-aware). */
  readonly tags: readonly Tag[];
  readonly tagsBySlug: ReadonlyMap<string, Tag>;
  /** Authors that have at least one post, or are listed in `authors.yml`; sorted by name. */
  readonly authors: readonly Author[];
  readonly authorsByKey: ReadonlyMap<string, Author>;
  /** Newest year first. */
  readonly years: readonly YearArchive[];
  readonly events: {
    /** Soonest first. */
    readonly upcoming: readonly Event[];
    /** Most recent first. */
    readonly past: readonly Event[];
    readonly all: readonly Event[];
  };
  readonly nextEvent: Event | undefined;
  /** `data/*` files by name. */
  readonly data: SiteData;
  /** Files under `static/`, copied to the output as they are. */
  readonly statics: readonly StaticFile[];
  /**
   * Old addresses that lead into the site, as written: front-matter `redirects` of published entries
   * (`to` is then the entry's URL), then `data/redirects.yml`; `file`, `line`, `column` say where.
   * Checked and resolved against the routes by routes/plan-redirects.ts.
   */
  readonly redirects?: readonly { readonly from: string; readonly to: string; readonly file: string; readonly line: number; readonly column: number }[];
  /**
   * The images of `static/` that bodies, lead images and avatars show, by site URL
   * (`/images/team.jpg`), with their sizes and resized variants; empty with `images: false`.
   */
  readonly images: ReadonlyMap<string, SiteImage>;
}

/** Options that change which content is in the model. */
export interface ModelOptions {
  readonly drafts: boolean;
  readonly future: boolean;
  readonly now: Date;
}

import type { PluggableList } from 'unified';
import type { HelperDelegate } from 'handlebars';

/** A link in the site header navigation. */
export interface NavigationLink {
  readonly title: string;
  readonly url: string;
}

/** The optional subscribe / membership call-to-action shown below articles. */
export interface SubscribeBlock {
  readonly title: string;
  readonly text: string;
  readonly url: string;
  readonly label: string;
}

/** Date formats used by the theme (Luxon tokens; `do` is the English ordinal day, "9th"). */
export interface DateFormats {
  /** e.g. "Monday, 9 December 2019" → `cccc, d LLLL yyyy`. */
  readonly long: string;
  /** e.g. "Tue, 09 Jul 24 10:00" → `ccc, dd LLL yy HH:mm`. */
  readonly short: string;
}

export interface PermalinkPatterns {
  /** Tokens: `:year`, `:month`, `:day`, `:slug`. Default `/:year/:month/:slug/`. */
  readonly post: string;
  /** Token: `:slug`. Default `/tag/:slug/`. */
  readonly tag: string;
  /** Token: `:slug`. Default `/author/:slug/`. */
  readonly author: string;
}

/** A rehype-sanitize schema (see hast-util-sanitize): which elements, attributes and URL protocols survive. */
export type SanitizeSchema = Readonly<Record<string, unknown>>;

export interface MarkdownOptions {
  readonly remarkPlugins: PluggableList;
  readonly rehypePlugins: PluggableList;
  /**
   * Clean each body's HTML (rehype-sanitize): `false` (default) keeps raw HTML as written,
   * since bodies are trusted; `true` keeps only safe HTML; an object is a custom schema.
   */
  readonly sanitize: boolean | SanitizeSchema;
  /** Time a body may take to render, per megabyte (at least this much); longer is an error (default 10 000 ms). */
  readonly timeoutMs: number;
  /** A body larger than this (UTF-8 bytes) is an error, before it is parsed (default 20 MB). */
  readonly maxBodyBytes: number;
}

/**
 * One language besides the default (`languages.cy` in the config). Its pages are built under
 * `/<code>/`; every field a reader sees in that language may be given here (unset: the default
 * language's value). Navigation URLs are relative to that language's home (`/amdanom/` → `/cy/amdanom/`).
 */
export interface LanguageSettings {
  /** The language's name in its own words, for the language switcher (default: from `Intl.DisplayNames`, e.g. "Cymraeg"). */
  readonly name?: string;
  readonly title?: string;
  readonly description?: string;
  readonly navigation?: readonly NavigationLink[];
  readonly dateFormats?: Partial<DateFormats>;
  readonly subscribe?: SubscribeBlock | false;
  readonly themeOptions?: Readonly<Record<string, unknown>>;
}

/**
 * What a user writes in `sectorpress.config.*` (every field optional).
 *
 * @example
 * import { defineConfig } from 'sectorpress';
 * export default defineConfig({ title: 'Director’s blog', url: 'https://blog.example.org' });
 */
export interface UserConfig {
  title?: string;
  description?: string;
  url?: string;
  language?: string;
  /** Languages besides `language` (the default), by BCP 47 code: `{ cy: { title: 'Blog y Cyfarwyddwr' } }`. See docs/languages.md. */
  languages?: Record<string, LanguageSettings>;
  timezone?: string;
  perPage?: number;
  feedItems?: number;
  relatedPosts?: number;
  permalinks?: Partial<PermalinkPatterns>;
  theme?: string;
  outDir?: string;
  markdown?: Partial<MarkdownOptions>;
  helpers?: Record<string, HelperDelegate>;
  now?: string;
  navigation?: NavigationLink[];
  tagPages?: 'full' | 'excerpt';
  dateFormats?: Partial<DateFormats>;
  subscribe?: SubscribeBlock | false;
  /**
   * Theme-specific options. Templates read them as `themeOptions` at the top of their context:
   * the theme's `theme.json` defaults with these over them (unknown names are warned about).
   */
  themeOptions?: Record<string, unknown>;
  /** Responsive images: `false` copies images as they are; `{ avif: true }` adds AVIF variants. Default `{ avif: false }`. */
  images?: false | { avif?: boolean };
  /**
   * Build a Pagefind search index, the `/search/` page and the header search form (default true).
   * `{ shardSize: N }` also sets how many records one index bundle holds before the index is split into shards (default 5,000; docs/search.md).
   */
  search?: boolean | { shardSize?: number };
}

/** The validated, defaulted, frozen configuration every stage reads. */
export interface Config {
  /** Absolute path of the site folder. */
  readonly root: string;
  /** Absolute path of the config file, when there is one. */
  readonly configFile: string | undefined;
  readonly title: string;
  readonly description: string;
  /** Absolute base URL without a trailing slash, e.g. `https://blog.example.org` or `https://x.org/blog`. */
  readonly url: string;
  /**
   * The path of `url` ending in `/` (`/` or `/blog/`): every public URL the build emits starts
   * with it, while model URLs and output paths stay site-relative (see config/base-path.ts).
   */
  readonly basePath: string;
  readonly language: string;
  /** Languages besides the default, by code (`undefined` on a single-language site). */
  readonly languages?: Readonly<Record<string, LanguageSettings>>;
  readonly timezone: string;
  readonly perPage: number;
  readonly feedItems: number;
  readonly relatedPosts: number;
  readonly permalinks: PermalinkPatterns;
  /** Absolute path of the theme folder in use (the configured theme, or the bundled default). */
  readonly theme: string;
  /** Absolute path of the output folder. */
  readonly outDir: string;
  readonly markdown: MarkdownOptions;
  readonly helpers: Readonly<Record<string, HelperDelegate>>;
  readonly now: string | undefined;
  readonly navigation: readonly NavigationLink[];
  readonly tagPages: 'full' | 'excerpt';
  readonly dateFormats: DateFormats;
  readonly subscribe: SubscribeBlock | false;
  /** As the site set them; templates get them merged over the theme's defaults, as `themeOptions`. */
  readonly themeOptions: Readonly<Record<string, unknown>>;
  /** Responsive images (docs/images.md): `avif` also writes AVIF variants; `false` copies images as they are. */
  readonly images: { readonly avif: boolean } | false;
  /** Whether the build writes the search index under `/pagefind/` and the `/search/` page (docs/search.md). */
  readonly search: boolean | { readonly shardSize: number };
}

/** The `images` settings when resizing is on. */
export type ImageOptions = Exclude<Config['images'], false>;

/** Command-line or API values that win over the config file. */
export interface ConfigOverrides {
  /** Settings given in code (`build({ config })`); merged over the config file's, field by field. */
  readonly config?: UserConfig;
  readonly outDir?: string;
  readonly url?: string;
  readonly now?: string;
}

/** Types of the load stage: files found on disk, and entries read from their front matter. */
import type { SourcePosition } from '../shared/source-position.js';
import type { FileIdentity } from '../shared/file-identity.js';

/** Where an entry came from; `digest` changes whenever the file's bytes do. */
export interface SourceRef {
  /** Absolute path. */
  readonly path: string;
  /** Relative to the site folder, posix separators — the form used in messages. */
  readonly relativePath: string;
  /** sha256 hex of the file's bytes. */
  readonly digest: string;
  /** Where the entry's URL is decided (its `permalink`, else its `slug` line), for collision messages. */
  readonly urlAt?: SourcePosition;
}

export type SourceKind = 'post' | 'page' | 'event' | 'data';

export interface SourceFile extends SourceRef {
  readonly kind: SourceKind;
  readonly text: string;
}

/** A file under `static/`, copied byte for byte. */
export interface StaticFile {
  readonly path: string;
  /** Relative to `static/`, posix — also its path in the output. */
  readonly outputPath: string;
  /** What the file was when it was admitted; whoever reads it later must find the same file. */
  readonly identity?: FileIdentity;
}

/** Everything `loadContent` found, in a stable (sorted) order. */
export interface SourceSet {
  readonly posts: readonly SourceFile[];
  readonly pages: readonly SourceFile[];
  readonly events: readonly SourceFile[];
  readonly data: readonly SourceFile[];
  readonly statics: readonly StaticFile[];
}

interface EntryBase {
  readonly source: SourceRef;
  readonly title: string;
  /** Markdown body (front matter removed). */
  readonly body: string;
  /** 1-based line in the file where the body starts (for Markdown messages). */
  readonly bodyLine: number;
  /** Plain-text standfirst from front matter, if any. */
  readonly summary: string | undefined;
  /** Front matter `lang` (one of the config's languages); unset: the default language. */
  readonly lang?: string | undefined;
  /** Front matter `translationKey`: entries of different languages sharing it are translations of each other. */
  readonly translationKey?: string | undefined;
  /** Old site-relative addresses that should lead to this entry (front matter `redirects`). */
  readonly redirects?: readonly RedirectRecord[];
}

/** One redirect as written: in an entry's `redirects` list (`to` is then the entry) or in `data/redirects.yml`. */
export interface RedirectRecord {
  /** Site-relative old address as written, e.g. `/archives/123/` or `/?p=123`. */
  readonly from: string;
  /** Site path or `https://` URL; undefined in front matter, where the target is the entry itself. */
  readonly to: string | undefined;
  /** Where it was written, for located errors. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A read-only comment kept with a post (front matter `comments`); only these fields ever reach the output. */
export interface CommentRecord {
  readonly name: string;
  readonly date: Date;
  /** Plain text; paragraphs are separated by a blank line. */
  readonly text: string;
  /** The commenter's own site (`https://…`), if any. */
  readonly url: string | undefined;
}

export interface PostEntry extends EntryBase {
  readonly kind: 'post';
  readonly date: Date;
  readonly updated: Date | undefined;
  /** Tags as written (whitespace trimmed, empties dropped, order kept). */
  readonly tags: readonly string[];
  readonly authorKeys: readonly string[];
  readonly slug: string;
  readonly draft: boolean;
  readonly image: string | undefined;
  readonly imageAlt: string | undefined;
  /** Explicit permalink override, e.g. `/news/special/`. */
  readonly permalink: string | undefined;
  /** Feed id kept from an earlier platform (front matter `guid`), so feed readers do not see old posts as new. */
  readonly guid?: string;
  /** Pinned first on the home page (front matter `sticky: true`). */
  readonly sticky?: boolean;
  /** Read-only comments (front matter `comments`). */
  readonly comments?: readonly CommentRecord[];
  /** Where keys sit in the file, for model-stage messages (unknown author etc.). */
  readonly positions: Readonly<Record<string, SourcePosition>>;
}

export interface PageEntry extends EntryBase {
  readonly kind: 'page';
  /** Path under `pages/` without extension, posix: `about`, `policies/privacy`; `index` for the home override is not supported. */
  readonly pagePath: string;
  readonly permalink: string | undefined;
  readonly draft: boolean;
  /** Sort key for navigation listings; lower first. */
  readonly order: number | undefined;
  readonly positions: Readonly<Record<string, SourcePosition>>;
}

export interface EventEntry extends EntryBase {
  readonly kind: 'event';
  readonly slug: string;
  readonly start: Date;
  readonly end: Date | undefined;
  readonly location: string | undefined;
  /** Booking link (front matter `url`). */
  readonly bookingUrl: string | undefined;
  readonly positions: Readonly<Record<string, SourcePosition>>;
}

/** Parsed `data/*` files: file name without extension → parsed value. */
export type SiteData = Readonly<Record<string, unknown>>;

/** One author as written in `data/authors.yml`. */
export interface AuthorRecord {
  readonly name: string;
  readonly role: string | undefined;
  readonly email: string | undefined;
  readonly avatar: string | undefined;
  readonly bio: string | undefined;
  readonly url: string | undefined;
  /** `role_<code>` and `bio_<code>` fields (e.g. `bio_cy`): what readers of that language see instead. */
  readonly translations?: Readonly<Record<string, { readonly role?: string; readonly bio?: string }>>;
}

/** What `readEntries` yields: every entry, plus the Markdown bodies to render. */
export interface EntrySet {
  readonly posts: readonly PostEntry[];
  readonly pages: readonly PageEntry[];
  readonly events: readonly EventEntry[];
  /** One job per entry, `id` = the entry's `source.relativePath`. */
  readonly jobs: readonly MarkdownJob[];
}

/** One body for the Markdown stage to render, identified by the entry's source path. */
export interface MarkdownJob {
  /** Relative source path (also used in error messages). */
  readonly id: string;
  readonly body: string;
  /** 1-based line where the body starts in its file. */
  readonly bodyLine: number;
  /** Digest of the source file, used as the cache key together with the pipeline's own digest. */
  readonly digest: string;
}

/** What `readData` yields: every `data/*` file by name, and the authors from `data/authors.yml`. */
export interface DataSet {
  readonly data: SiteData;
  readonly authors: ReadonlyMap<string, AuthorRecord>;
  /** The redirects of `data/redirects.yml`, when there is one. */
  readonly redirects?: readonly RedirectRecord[];
}

/**
 * What an importer (WordPress export, feed) produces and the site-folder writer takes.
 * Shared by `sectorpress import wordpress` and `sectorpress import feed`.
 */

/** One approved comment, kept as read-only data: never e-mail or IP. */
export interface ImportedComment {
  name: string;
  date: string;
  text: string;
  url?: string;
}

/** One post or page ready to be written as a Markdown file. */
export interface ImportedEntry {
  kind: 'post' | 'page';
  /** File path inside the site folder, e.g. `posts/2019-05-12-a-year-on.md` (chosen by the producer, unique). */
  file: string;
  /** Front matter in the order it is written (see the YAML below); undefined values are left out. */
  frontMatter: Record<string, unknown>;
  markdown: string;
  /** Where it came from, for report lines: `post 123 “Title”` or the feed item's link. */
  source: string;
}

/** A report line: what happened to which item, and what the user should do. */
export interface ImportWarning {
  source: string;
  message: string;
  action: string;
}

/** Everything an import produces, before it is written. */
export interface ImportedSite {
  /** Written to sectorpress.config.json when the site folder has no config yet. */
  config: { title: string; url: string; description?: string; timeZone: string; language?: string };
  /** data/authors.yml: key → display name and optional fields. */
  authors: Record<string, { name: string; url?: string; bio?: string }>;
  entries: ImportedEntry[];
  /** data/redirects.yml entries (site-relative `from`). */
  redirects: { from: string; to: string }[];
  warnings: ImportWarning[];
  /** Counts for the report, e.g. `{ 'posts published': 120, 'drafts': 4 }`. */
  counts: Record<string, number>;
}

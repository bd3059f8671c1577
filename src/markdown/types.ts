/** Types of the Markdown stage. */

/** What rendering one Markdown body yields. Pure data, so it can cross worker threads and be cached. */
export interface RenderedMarkdown {
  /** Body HTML; raw HTML blocks in the source survive. */
  readonly html: string;
  /** Words of visible text (excluding raw HTML tags). */
  readonly wordCount: number;
  /** Whole minutes at 200 words a minute, at least 1. */
  readonly readingMinutes: number;
  /** Plain text of the first paragraph (the excerpt when there is no summary). */
  readonly excerpt: string;
}

/** The stage's input, produced (and so owned) by the content stage. */
export type { MarkdownJob } from '../content/types.js';

/** The Markdown stage's output: every body rendered, plus counts that show how much work was done. */
export interface MarkdownOutput {
  /** Keyed by `MarkdownJob.id`. */
  readonly byId: ReadonlyMap<string, RenderedMarkdown>;
  /** Bodies actually run through unified in this call (cache misses). */
  readonly renderedCount: number;
  readonly cacheHits: number;
}

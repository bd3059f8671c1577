/** Types of the Markdown stage. */
import type { MarkdownJob as ContentJob } from '../content/types.js';
import type { BodyImages } from '../images/types.js';

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
  /**
   * Images of the body whose file is missing (`missing`) or that have no alt text (`no-alt`), with
   * their line and column in the body (absent when there are none).
   */
  readonly imageNotes?: readonly { readonly code: 'missing' | 'no-alt'; readonly url: string; readonly line: number; readonly column: number }[];
}

/** The stage's input, produced (and so owned) by the content stage, with the site images the body shows (images stage). */
export interface MarkdownJob extends ContentJob {
  readonly images?: BodyImages;
}

/** The Markdown stage's output: every body rendered, plus counts that show how much work was done. */
export interface MarkdownOutput {
  /** Keyed by `MarkdownJob.id`. */
  readonly byId: ReadonlyMap<string, RenderedMarkdown>;
  /** Bodies actually run through unified in this call (cache misses). */
  readonly renderedCount: number;
  readonly cacheHits: number;
}

/** One of `RenderedMarkdown.imageNotes`. */
export type ImageNote = NonNullable<RenderedMarkdown['imageNotes']>[number];

/** The limits every body renders under (the build's Markdown stage, and the importer's conversion of each post). */

export interface BodyLimits {
  /** Time allowed per megabyte of body (a smaller body gets all of it). */
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
}

/** Ordinary text renders at a few seconds per megabyte even on a busy machine, so a 10 MB post still builds. */
const DEFAULT_LIMITS: BodyLimits = { timeoutMs: 10_000, maxBodyBytes: 20_000_000 };

/**
 * The time a text of `bytes` bytes may take: `timeoutMs` per megabyte, at least `timeoutMs`. Large bodies
 * of ordinary text take time in proportion to their size; the bodies that hang the parser are small.
 */
export function timeLimitForBytes(bytes: number, limits: BodyLimits): number {
  return Math.round(limits.timeoutMs * Math.max(1, bytes / 1_000_000));
}

/** Limits from `markdown` options, defaults for any missing. */
export function limitsOf(markdown: Partial<BodyLimits>): BodyLimits {
  return { timeoutMs: markdown.timeoutMs ?? DEFAULT_LIMITS.timeoutMs, maxBodyBytes: markdown.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes };
}

export const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;
export const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

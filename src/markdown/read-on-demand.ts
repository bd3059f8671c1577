/**
 * A rendered body whose HTML stays on disk (the body spool, the Markdown cache's shard files)
 * until something reads it: `html` is a getter, so every reader sees a plain `RenderedMarkdown`.
 */
import type { RenderedMarkdown } from './types.js';

/** `facts` with an `html` that `read` gives each time it is read. */
export function readOnDemand(facts: Omit<RenderedMarkdown, 'html'>, read: () => string): RenderedMarkdown {
  return {
    ...facts,
    get html(): string {
      return read();
    },
  };
}

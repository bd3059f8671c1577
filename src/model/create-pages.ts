/** Standalone pages: `pages/about.md` → `/about/`. */
import type { Config } from '../config/types.js';
import type { PageEntry } from '../content/types.js';
import { errorProblem, type Problem } from '../shared/errors.js';
import type { RenderedMarkdown } from '../markdown/types.js';
import { checkUrlPath, normaliseUrlPath } from '../shared/permalink.js';
import type { ModelOptions, Page } from './types.js';

export function createPages(
  entries: readonly PageEntry[],
  rendered: ReadonlyMap<string, RenderedMarkdown>,
  config: Config,
  options: ModelOptions,
): { pages: Page[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const pages = entries
    .filter((entry) => options.drafts || !entry.draft)
    .map((entry): Page => {
      const url = normaliseUrlPath(entry.permalink ?? `/${entry.pagePath}/`);
      const unsafe = checkUrlPath(url);
      if (unsafe) {
        const position = entry.positions.permalink;
        problems.push(errorProblem({
          code: 'permalink/unsafe',
          message: `The permalink ${JSON.stringify(url)} is not allowed: ${unsafe}.`,
          hint: 'Use a path made of plain segments, e.g. `permalink: /about-us/`.',
          file: entry.source.relativePath,
          line: position?.line,
          column: position?.column,
        }));
      }
      const body = rendered.get(entry.source.relativePath);
      return {
        kind: 'page',
        source: entry.source,
        title: entry.title,
        url,
        absoluteUrl: `${config.url}${url}`,
        summary: entry.summary,
        excerpt: entry.summary ?? body?.excerpt ?? '',
        html: body?.html ?? '',
        order: entry.order,
      };
    })
    .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return { pages, problems };
}

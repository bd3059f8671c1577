/** Standalone pages: `pages/about.md` → `/about/`. */
import type { Config } from '../config/types.js';
import type { PageEntry } from '../content/types.js';
import type { Problem } from '../shared/errors.js';
import type { RenderedMarkdown } from '../markdown/types.js';
import { normaliseUrlPath } from '../shared/permalink.js';
import { encodeUrlPath } from '../shared/check-url-path.js';
import type { ModelOptions, Page } from './types.js';
import { urlProblems } from './url-problems.js';

export function createPages(entries: readonly PageEntry[], rendered: ReadonlyMap<string, RenderedMarkdown>, config: Config, options: ModelOptions): { pages: Page[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const pages = entries
    .filter((entry) => options.drafts || !entry.draft)
    .map((entry): Page => {
      const url = encodeUrlPath(normaliseUrlPath(entry.permalink ?? `/${entry.pagePath}/`));
      const position = entry.positions.permalink;
      problems.push(...urlProblems(url, { file: entry.source.relativePath, line: position?.line, column: position?.column }, 'Use a path made of plain segments, e.g. `permalink: /about-us/`.'));
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

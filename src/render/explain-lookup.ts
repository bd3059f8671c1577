/** For `--debug`: which template candidates a page tried, and which file won. */
import type { Route } from '../routes/types.js';
import type { Theme } from './load-theme.js';

/**
 * One line per route, e.g.
 * `/tag/ofsted/: tag-ofsted.hbs (none) → tag.hbs = theme/tag.hbs`.
 */
export function explainTemplateLookup(route: Route, theme: Theme): string {
  const tried: string[] = [];
  for (const name of route.templates) {
    const template = theme.templates.get(name);
    if (template) return `${route.url}: ${[...tried, `${name}.hbs = ${template.file.displayPath}`].join(' → ')}`;
    tried.push(`${name}.hbs (none)`);
  }
  return `${route.url}: ${tried.join(' → ')} → no template`;
}

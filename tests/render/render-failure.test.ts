// What only rendering finds is still reported at a template's file:line:col, in words a theme
// author can act on, never Handlebars' generated code or a bare JavaScript error.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/shared/errors.js';
import { renderSite } from './render-site.js';

describe('render failures', () => {
  it('names partials that include each other without end, at the partial call', async () => {
    const { problems } = await renderSite({
      'theme/page.hbs': '<article>{{> loop}}</article>\n',
      'theme/partials/loop.hbs': '<div>\n  {{> echo}}\n</div>\n',
      'theme/partials/echo.hbs': '<p>\n  {{> loop}}</p>\n',
    });
    const lines = problems.map(formatProblem).join('\n');
    expect(lines).toMatch(/^theme\/partials\/(loop\.hbs:2:3|echo\.hbs:2:3) error: Rendering \/accessibility\/ failed: The templates include each other without end/m);
    expect(lines).not.toMatch(/call stack|RangeError/);
  });
});

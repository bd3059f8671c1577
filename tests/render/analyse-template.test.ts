// The analysis `theme check` and the build share: each mistake Handlebars would fail on, at its
// line:col, in words a theme author can act on.
import { describe, expect, it } from 'vitest';
import { analyseTemplate } from '../../src/render/analyse-template.js';
import { formatProblem } from '../../src/shared/errors.js';

const names = { partials: new Set(['byline', 'post-card']), siteHelpers: ['shout'] };
const report = (source: string): string[] => analyseTemplate(source, 'theme/x.hbs', names).problems.map(formatProblem);

describe('analyseTemplate', () => {
  it.each([
    ['a field called with arguments', '<p>\n  {{post.summary "x"}}</p>', /^theme\/x\.hbs:2:3 error: "post\.summary" is a field, not a helper/],
    ['a field as a sub-expression', '{{shout (post.title)}}', /^theme\/x\.hbs:1:9 error: "post\.title" is a field, not a helper/],
    ['a trailing dot', '{{post.title.}}', /^theme\/x\.hbs:1:1 error: "post\.title\." is not a valid path: it has a stray dot\.[\s\S]*Write post\.title:/],
    ['a double dot', '{{post..title}}', /^theme\/x\.hbs:1:1 error: "post\.\.title" is not a valid path/],
    ['a stray dot in a block argument', '{{#if post.image.}}x{{/if}}', /^theme\/x\.hbs:1:7 error: "post\.image\." is not a valid path/],
    ['{{#if}} without its argument', '\n{{#if}}x{{/if}}', /^theme\/x\.hbs:2:1 error: \{\{#if\}\} takes exactly one argument, the value to test; here it has none\./],
    ['{{#each}} with two', '{{#each posts tags}}x{{/each}}', /^theme\/x\.hbs:1:1 error: \{\{#each\}\} takes exactly one argument, the list to repeat over; here it has 2\./],
    ['a misspelt helper', '{{formatDat date}}', /^theme\/x\.hbs:1:1 error: Unknown helper "formatDat"\.[\s\S]*Did you mean "formatDate"\?/],
    ['a helper named by a literal', '{{"shoutt" title}}', /^theme\/x\.hbs:1:1 error: Unknown helper "shoutt"\.[\s\S]*Did you mean "shout"\?/],
    ['a misspelt partial', 'x\n {{> bylin}}', /^theme\/x\.hbs:2:2 error: The partial "bylin" is used but there is no partials\/bylin\.hbs\.[\s\S]*Did you mean "byline"\?/],
    ['an unknown decorator', '{{*log}}', /^theme\/x\.hbs:1:1 error: Unknown decorator "\{\{\*log\}\}"/],
    ['a second {{else}}', '{{#if a}}x{{else}}y{{else}}z{{/if}}', /^theme\/x\.hbs:1:20 error: Handlebars syntax error: A second \{\{else\}\} in the same block\./],
    ['{{else}} outside a block', '<p>{{else}}</p>', /^theme\/x\.hbs:1:4 error: Handlebars syntax error: \{\{else\}\} outside any block\./],
    ['a closer with no block', '<p>\n</p>{{/if}}', /^theme\/x\.hbs:2:5 error: Handlebars syntax error: \{\{\/if\}\} closes a block that is not open\./],
    ['"{{{" closed with "}}"', '{{{post.html}}', /^theme\/x\.hbs:1:13 error: Handlebars syntax error: A tag opened with "\{\{\{" is closed with "\}\}"\./],
    ['"{{" closed with "}}}"', '{{post.html}}}', /^theme\/x\.hbs:1:12 error: Handlebars syntax error: A tag opened with "\{\{" is closed with "\}\}\}"\./],
    ['an unclosed quote', '{{t "key}}', /^theme\/x\.hbs:1:5 error: Handlebars syntax error: A quoted string starts here/],
    ['an empty tag', 'a {{}} b', /^theme\/x\.hbs:1:5 error: Handlebars syntax error: The tag ends too early/],
    ['a block closed by the wrong name', '{{#if a}}\n  {{#each b}}x{{/if}}', /^theme\/x\.hbs:2:15 error: \{\{\/if\}\} does not close the \{\{#each\}\} opened at line 2, column 3\./],
    ['"this" inside a path', '{{post.this.title}}', /^theme\/x\.hbs:1:3 error: "post\.this" is not a valid path: "this" and "\.\." may only begin one\./],
    ['a partial given two contexts', '{{> byline post page}}', /^theme\/x\.hbs:1:1 error: A partial is given more than one context\./],
  ])('reports %s', (_name, source, expected) => {
    const lines = report(source);
    expect(lines.join('\n')).toMatch(expected);
    expect(lines.join('\n')).not.toMatch(/Expecting|got '|doesn't match|Parse error|Invalid path|Unsupported number/);
  });

  it.each([
    ['fields, helpers, blocks and partials used rightly', '{{#each posts}}{{> post-card}}{{else}}{{t "none"}}{{/each}}{{#if post.image}}{{image post.image alt=post.imageAlt}}{{/if}}'],
    ['an inline partial', '{{#*inline "row"}}<li>{{title}}</li>{{/inline}}{{#each posts}}{{> row}}{{/each}}'],
    ['a site helper, and a path spaced from "this"', '{{shout post.title}}{{#with post}}{{shout . }}{{/with}}{{lookup . "title"}}'],
    ['else-if chains', '{{#if a}}x{{else if b}}y{{else}}z{{/if}}'],
  ])('passes %s', (_name, source) => {
    expect(report(source)).toEqual([]);
  });
});

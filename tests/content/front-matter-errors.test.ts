/**
 * The front-matter half of the bad-input matrix: each fixture in
 * tests/fixtures/content-errors/posts is wrong in one way, and the problem must name
 * the file, the line and column where a user would look, and say what is wrong.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/shared/errors.js';
import { formatProblem } from '../../src/shared/errors.js';
import { fixturePath } from '../support/site-folder.js';
import { errorsIn, readSite } from './temp-site.js';

let problems: readonly Problem[] = [];
let postFiles: readonly string[] = [];

beforeAll(async () => {
  const site = await readSite(fixturePath('content-errors'));
  problems = site.problems;
  postFiles = site.entries.posts.map((post) => post.source.relativePath);
});

/** [file, line, column, code, words the message must contain] */
const MATRIX: ReadonlyArray<[string, number, number, string, RegExp]> = [
  ['malformed-yaml.md', 3, 10, 'front-matter/yaml', /not valid YAML/],
  ['unclosed.md', 1, 1, 'front-matter/unclosed', /never closed/],
  ['tags-number.md', 3, 7, 'front-matter/tags', /`tags` must be a list.*not number 5/],
  ['title-list.md', 2, 8, 'front-matter/title', /`title` must be text, not a list/],
  ['draft-string.md', 4, 8, 'front-matter/draft', /`draft` must be true or false, not string "yes"/],
  ['missing-title.md', 1, 1, 'front-matter/title', /title is missing/],
  ['impossible-date.md', 3, 7, 'front-matter/date', /"2023-02-30" is not a real date: February 2023 has 28 days/],
  ['year-zero.md', 3, 7, 'front-matter/date', /year 0 is out of range \(1000–9999\)/],
  ['year-huge.md', 3, 7, 'front-matter/date', /year 99999 is out of range/],
  ['unparseable-date.md', 3, 7, 'front-matter/date', /"next tuesday" is not a date/],
  ['duplicate-keys.md', 4, 1, 'front-matter/yaml', /key appears twice/],
  ['yaml-bomb.md', 2, 1, 'front-matter/yaml', /alias/i],
  ['empty.md', 1, 1, 'front-matter/title', /title is missing/],
  ['slug-dotdot.md', 4, 7, 'front-matter/slug', /slug "..\/..\/etc" is not allowed: it contains `..`/],
  ['slug-nul.md', 4, 7, 'front-matter/slug', /NUL/],
  ['permalink-encoded.md', 4, 12, 'front-matter/permalink', /not allowed/],
  ['permalink-backslash.md', 4, 12, 'front-matter/permalink', /backslash/],
  ['permalink-scheme.md', 4, 12, 'front-matter/permalink', /full URL with a scheme/],
  ['author-object.md', 4, 9, 'front-matter/author', /`author` must be a list/],
];

describe('front-matter errors', () => {
  it.each(MATRIX)('%s → line %i, column %i', (name, line, column, code, message) => {
    const file = `posts/${name}`;
    const found = errorsIn(problems, file).find((problem) => problem.code === code);
    expect(found, `no ${code} for ${file}; got ${JSON.stringify(errorsIn(problems, file))}`).toBeDefined();
    expect({ line: found?.line, column: found?.column }).toEqual({ line, column });
    expect(found?.message).toMatch(message);
    expect(found?.hint ?? '').not.toBe('');
    expect(formatProblem(found as Problem)).toMatch(new RegExp(`^${file.replace('.', '\\.')}:${line}:${column} error: `));
  });

  it('reports every broken file in one pass, not just the first', () => {
    const broken = new Set(problems.filter((problem) => problem.severity === 'error').map((problem) => problem.file));
    expect(broken.size).toBe(MATRIX.length);
  });

  it('never turns a broken file into a post', () => {
    for (const [name] of MATRIX) expect(postFiles).not.toContain(`posts/${name}`);
  });
});

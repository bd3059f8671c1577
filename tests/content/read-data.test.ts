import { describe, expect, it } from 'vitest';
import { readData } from '../../src/content/read-data.js';
import type { SourceFile } from '../../src/content/types.js';
import { fixturePath } from '../support/site-folder.js';
import { readSite } from './temp-site.js';

function dataFile(relativePath: string, text: string): SourceFile {
  return { kind: 'data', path: `/site/${relativePath}`, relativePath, digest: 'x', text };
}

describe('readData', () => {
  it('exposes each data file by name and reads authors.yml into records', async () => {
    const { sources } = await readSite(fixturePath('content-site'));
    const { value, problems } = readData(sources.data);
    expect(problems).toEqual([]);
    expect(value.data.links).toEqual({ links: [{ title: 'ADCS', url: 'https://adcs.org.uk' }] });
    expect(value.authors.get('sam')).toEqual({
      name: 'Sam Patel',
      role: "Director of Children's Services",
      email: 'sam@example.org',
      avatar: '/images/sam.jpg',
      bio: undefined,
      url: undefined,
    });
    expect([...value.authors.keys()]).toEqual(['sam', 'alex']);
  });

  it('reports an author without a name, or with a field of the wrong type, at its line', () => {
    const file = dataFile('data/authors.yml', 'sam:\n  name: Sam\nkim:\n  role: Chief executive\nlee:\n  name: Lee\n  email: [a, b]\n');
    const { value, problems } = readData([file]);
    expect(problems.map((problem) => [problem.line, problem.column, problem.message])).toEqual([
      [3, 1, 'Author "kim": it has no `name`.'],
      [5, 1, 'Author "lee": `email` must be text.'],
    ]);
    expect([...value.authors.keys()]).toEqual(['sam']);
  });

  it('reports malformed YAML and JSON with line and column', () => {
    const { problems } = readData([dataFile('data/menu.yml', 'items:\n  - a\n - b\n'), dataFile('data/links.json', '{\n  "a": 1,\n  "a": 2\n}\n')]);
    expect(problems.map((problem) => [problem.file, problem.code, problem.line])).toEqual([
      ['data/menu.yml', 'data/syntax', 3],
      ['data/links.json', 'data/syntax', 3],
    ]);
  });

  it('rejects authors.yml that is not a map', () => {
    const { problems } = readData([dataFile('data/authors.yml', '- sam\n- kim\n')]);
    expect(problems).toMatchObject([{ code: 'data/authors', line: 1 }]);
  });

  it('warns when two data files share a name', () => {
    const { value, problems } = readData([dataFile('data/menu.json', '{"a": 1}'), dataFile('data/menu.yml', 'a: 2\n')]);
    expect(problems).toMatchObject([{ severity: 'warning', code: 'data/duplicate-name', file: 'data/menu.yml' }]);
    expect(value.data.menu).toEqual({ a: 2 });
  });
});

// Issue #26 finding 3: a tab, line break or other invisible character inside a redirect's address must
// never add a rule to `_redirects`, `redirects.htaccess` or `redirects.nginx.conf`. data/redirects.yml and
// front matter refuse such addresses at their line; the rule writer escapes them anyway. Each rules file is
// parsed back here with a small parser for its format, and exactly the intended rules must come out.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { renderRedirectRules } from '../../src/feeds/render-redirect-rules.js';
import type { PlannedRedirect } from '../../src/routes/plan-redirects.js';
import { writeSite } from '../content/temp-site.js';
import { failingBuild } from '../support/failing-build.js';
import { makeSite } from '../support/make-site.js';
import { matchesBytes, parseApache, parseNetlify, parseNginx, type ApacheRule } from '../support/redirect-rules.js';
import { readText } from '../support/site-folder.js';

const EVIL = '/* https://evil.example/ 200!';

function planned(from: string, to: string, query?: string): PlannedRedirect {
  return { from: query === undefined ? from : `${from}?${query}`, path: from, query, outputPath: undefined, to, external: /^https:/.test(to) };
}

describe('the rules writer, given addresses with whitespace and control characters (past the read checks)', () => {
  const hostile = [
    planned(`/old\n${EVIL}/`, '/about/'),
    planned('/tab\there/', `https://ok.example/x\t${EVIL}`),
    planned('/cr/', `/about/\r${EVIL}`),
    planned('/ls\u2028x/', '/about/'),
    planned('/', '/about/', `p=1\n${EVIL}`),
  ];
  const files = new Map(renderRedirectRules(hostile, makeSite().config).map((file) => [file.path, 'contents' in file ? String(file.contents) : '']));

  it('_redirects holds one rule per redirect, each leading from and to the intended address', () => {
    const rules = parseNetlify(files.get('_redirects') ?? '');
    expect(rules.map((rule) => rule.status)).toEqual(hostile.map(() => '301!'));
    // Query rules come first (see render-redirect-rules.ts).
    const ordered = [hostile[4], ...hostile.slice(0, 4)] as PlannedRedirect[];
    expect(rules.map((rule) => decodeURIComponent(rule.from))).toEqual(ordered.map((redirect) => redirect.path));
    expect(rules.map((rule) => decodeURIComponent(rule.to))).toEqual(ordered.map((redirect) => redirect.to));
    expect(rules[0]?.conditions.map((pair) => decodeURIComponent(pair))).toEqual([`p=1\n${EVIL}`]);
    expect(rules.slice(1).map((rule) => rule.conditions)).toEqual([[], [], [], []]);
  });

  it('redirects.htaccess holds one RewriteRule per redirect, each matching only the intended address', () => {
    const rules = parseApache(files.get('redirects.htaccess') ?? '');
    expect(rules).toHaveLength(hostile.length);
    for (const [index, redirect] of [hostile[4], ...hostile.slice(0, 4)].entries()) {
      const { conditions, rule } = rules[index] as ApacheRule;
      expect(rule).toHaveLength(3);
      expect(rule[0]).toBe('^');
      expect(rule[2]).toBe('[R=301,L,NE]');
      expect(decodeURIComponent((rule[1] ?? '').replace(/\?$/, ''))).toBe(redirect?.to);
      const uri = conditions.find((condition) => condition[0] === '%{REQUEST_URI}');
      expect(conditions.every((condition) => condition.length === 2)).toBe(true);
      expect(matchesBytes(uri?.[1] ?? '', redirect?.path ?? '')).toBe(true);
      expect(matchesBytes(uri?.[1] ?? '', '/old/')).toBe(false);
    }
    // QUERY_STRING is matched as sent, percent-encoded.
    expect(matchesBytes(rules[0]?.conditions[0]?.[1] ?? '', encodeURI(`p=1\n${EVIL}`))).toBe(true);
  });

  it('redirects.nginx.conf holds only the intended location and if blocks', () => {
    const rules = parseNginx(files.get('redirects.nginx.conf') ?? '');
    const plain = hostile.slice(0, 4);
    expect(rules.filter((rule) => rule.kind === 'if')).toHaveLength(1);
    expect(rules.filter((rule) => rule.kind === 'location').map((rule) => decodeURIComponent(rule.match))).toEqual(plain.flatMap((redirect) => [redirect.path, redirect.path.slice(0, -1)]));
    expect(rules.filter((rule) => rule.kind === 'location').map((rule) => decodeURIComponent(rule.to))).toEqual(plain.flatMap((redirect) => [redirect.to, redirect.to]));
    expect(decodeURIComponent(rules[0]?.to ?? '')).toBe('/about/');
  });
});

describe('data/redirects.yml and front matter, with whitespace or control characters in an address', () => {
  it('refuses each at its line, says which character and what to do, and writes nothing', async () => {
    const yaml = [
      `- from: /a/\n  to: "https://ok.example/\\t${EVIL}"`,
      `- from: /b/\n  to: "/about/\\n${EVIL}"`,
      `- from: "/c\\r\\n${EVIL}"\n  to: /about/`,
      '- from: /d/\n  to: "https://ok.example/\\u2028x"',
      '- from: /e/\n  to: "https://ok.example/a b"',
      '- from: /f/\n  to: "https://ok.example/\\u200Ex"',
    ].join('\n');
    const { errors: firstLines, messages, wrote } = await failingBuild({ 'data/redirects.yml': `${yaml}\n` });
    expect(firstLines).toEqual([
      expect.stringMatching(/^data\/redirects\.yml:1:3 error: The redirect target .* is not usable: it contains whitespace \(U\+0009\)\./),
      expect.stringMatching(/^data\/redirects\.yml:3:3 error: The redirect target .* is not usable: it contains a line break \(U\+000A\)\./),
      expect.stringMatching(/^data\/redirects\.yml:5:3 error: The redirect from .* is not allowed: it contains a line break \(U\+000D\)\./),
      expect.stringMatching(/^data\/redirects\.yml:7:3 error: .* it contains a line break \(U\+2028\)\./),
      expect.stringMatching(/^data\/redirects\.yml:9:3 error: .* it contains a space \(U\+0020\)\./),
      expect.stringMatching(/^data\/redirects\.yml:11:3 error: .* it contains an invisible or control character \(U\+200E\)\./),
    ]);
    for (const message of messages) expect(message).toContain('write a space as `%20`');
    expect(wrote).toBe(false);
  });

  it('refuses one in the `redirects` of a post at its line', async () => {
    const post = `---\ntitle: A\nredirects:\n  - /archives/2/\n  - "/archives/1/\\n${EVIL}"\n---\nBody.\n`;
    const { messages, wrote } = await failingBuild({ 'posts/2024-01-02-a.md': post });
    expect(messages).toEqual([expect.stringMatching(/^posts\/2024-01-02-a\.md:5:5 error: The old address .* is not allowed: it contains a line break \(U\+000A\)\.[\s\S]*write a space as `%20`/)]);
    expect(wrote).toBe(false);
  });
});

describe('a real build, its rules files parsed back', () => {
  it('holds exactly the redirects written, in all three formats', async () => {
    const root = await writeSite({
      'sectorpress.config.json': JSON.stringify({ title: 'T', url: 'https://t.example.org' }),
      'pages/about.md': '---\ntitle: About\nredirects: [/?page_id=7]\n---\nAbout.\n',
      'data/redirects.yml': '- from: /our%20plan/\n  to: /about/\n- from: /elsewhere/\n  to: https://ok.example/new%20home/\n',
    });
    const outDir = path.join(root, '_site');
    await build({ root, outDir, now: '2026-01-01T00:00:00Z', cache: false, workers: 0 });
    expect(parseNetlify(await readText(outDir, '_redirects'))).toEqual([
      { from: '/', conditions: ['page_id=7'], to: '/about/', status: '301!' },
      { from: '/our%20plan/', conditions: [], to: '/about/', status: '301!' },
      { from: '/elsewhere/', conditions: [], to: 'https://ok.example/new%20home/', status: '301!' },
    ]);
    const apache = parseApache(await readText(outDir, 'redirects.htaccess'));
    expect(apache.map((rule) => rule.rule[1])).toEqual(['/about/?', '/about/', 'https://ok.example/new%20home/']);
    expect(matchesBytes(apache[1]?.conditions[0]?.[1] ?? '', '/our plan/')).toBe(true);
    const nginx = parseNginx(await readText(outDir, 'redirects.nginx.conf'));
    expect(nginx.map((rule) => [rule.kind, rule.kind === 'if' ? '' : rule.match, rule.to])).toEqual([
      ['if', '', '/about/'],
      ['location', '/our plan/', '/about/'],
      ['location', '/our plan', '/about/'],
      ['location', '/elsewhere/', 'https://ok.example/new%20home/'],
      ['location', '/elsewhere', 'https://ok.example/new%20home/'],
    ]);
  });
});

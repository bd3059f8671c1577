// Template mistakes, fuzzed: one file of a copy of the default theme is mutated the ways a theme
// author slips (a stray dot, arguments after a field, a misspelt helper or partial, a block left
// open or closed by the wrong name, a lone brace, {{else}} out of place…). For each, `theme check`
// and the build's own theme loading and page rendering (the functions the build calls, in
// process) must agree on failing, and every error must name `theme/<file>.hbs:line:col` inside
// that file, in words without Handlebars' internals.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSite } from '../../src/build.js';
import type { Site } from '../../src/model/types.js';
import { checkTheme } from '../../src/render/check-theme.js';
import { loadTheme } from '../../src/render/load-theme.js';
import { renderPages } from '../../src/render/render-pages.js';
import { planRoutes } from '../../src/routes/plan-routes.js';
import type { Route } from '../../src/routes/types.js';
import { formatProblem, hasErrors, type Problem } from '../../src/shared/errors.js';
import { countCase, FUZZ_RUNS, fuzzReport } from '../support/fuzz.js';
import { BASE_SITE, NOW, writeSite } from '../render/render-site.js';
import { repoRoot } from '../support/site-folder.js';

/** Words from Handlebars' parser, compiler or generated code that a theme author cannot act on. */
const INTERNALS =
  /lookupProperty|\bstack\d|\balias\d|is not a function|container\.|Expecting '|got '|doesn't match|Parse error|Lexical error|Invalid path:|Unsupported number|requires exactly one argument|Must pass iterator|Missing helper:|could not be found/;

const TAG_NAMES = ['if', 'each', 'unless', 'with'];

interface Mutation {
  readonly kind: string;
  /** Which match of the kind's pattern (modulo how many there are) or which offset. */
  readonly pick: number;
  readonly text: string;
}

/** The `pick`-th match of `pattern` in `source`, or undefined when there is none. */
function nth(source: string, pattern: RegExp, pick: number): RegExpExecArray | undefined {
  const matches = [...source.matchAll(pattern)];
  return matches.length === 0 ? undefined : (matches[pick % matches.length] as RegExpExecArray);
}

function replaceAt(source: string, index: number, length: number, text: string): string {
  return `${source.slice(0, index)}${text}${source.slice(index + length)}`;
}

/** A field path in a plain mustache or as a block's argument: `{{post.title}}`, `{{#if post.image}}`. */
const FIELD = /\{\{[#^]?(?:(?:if|unless|each|with) )?((?:@?[a-zA-Z][\w-]*)(?:\.[a-zA-Z][\w-]*)+)(?=[\s}])/g;
const HELPER_CALL = /\{\{[#]?\s*([a-zA-Z][\w-]*) [^}]/g;
const PARTIAL = /\{\{#?>\s*([\w/-]+)/g;
const CLOSER = /\{\{~?\/([\w-]+)~?\}\}/g;
const BLOCK_OPENER = /\{\{~?#(if|each|unless|with) ([^}]+)\}\}/g;

/** `source` changed by `change`; a kind with nothing to change in this file inserts its text instead. */
function mutate(source: string, change: Mutation): string {
  const changed = mutateOnce(source, change);
  return changed !== source ? changed : replaceAt(source, change.pick % (source.length + 1), 0, change.text || '{{');
}

function mutateOnce(source: string, { kind, pick, text }: Mutation): string {
  const at = pick % (source.length + 1);
  const field = (): RegExpExecArray | undefined => nth(source, FIELD, pick);
  switch (kind) {
    case 'trailing-dot': {
      const match = field();
      return match ? replaceAt(source, match.index + match[0].length, 0, '.') : source;
    }
    case 'double-dot': {
      const match = field();
      return match ? replaceAt(source, match.index + match[0].lastIndexOf('.'), 1, '..') : source;
    }
    case 'field-argument': {
      const match = field();
      return match ? replaceAt(source, match.index + match[0].length, 0, ` "${text}"`) : source;
    }
    case 'field-subexpression': {
      const match = field();
      const name = match?.[1];
      return match && name ? replaceAt(source, match.index + match[0].length - name.length, name.length, `(${name})`) : source;
    }
    case 'helper-typo': {
      const match = nth(source, HELPER_CALL, pick);
      const name = match?.[1];
      return match && name ? replaceAt(source, match.index + match[0].indexOf(name), name.length, `${name}${text.replace(/\W/g, '') || 'x'}`) : source;
    }
    case 'unknown-helper':
      return replaceAt(source, at, 0, `{{shout${text.replace(/\W/g, '')} site.title}}`);
    case 'partial-typo': {
      const match = nth(source, PARTIAL, pick);
      const name = match?.[1];
      return match && name ? replaceAt(source, match.index + match[0].lastIndexOf(name) + name.length, 0, 'x') : source;
    }
    case 'unknown-partial':
      return replaceAt(source, at, 0, `{{> no-such-${text.replace(/\W/g, '') || 'part'}}}`);
    case 'drop-closer': {
      const match = nth(source, CLOSER, pick);
      return match ? replaceAt(source, match.index, match[0].length, '') : source;
    }
    case 'wrong-closer': {
      const match = nth(source, CLOSER, pick);
      const name = match?.[1];
      const other = TAG_NAMES.find((candidate) => candidate !== name) ?? 'if';
      return match ? replaceAt(source, match.index, match[0].length, `{{/${other}}}`) : source;
    }
    case 'stray':
      return replaceAt(source, at, 0, text);
    case 'else':
      return replaceAt(source, at, 0, '{{else}}');
    case 'drop-argument': {
      const match = nth(source, BLOCK_OPENER, pick);
      return match ? replaceAt(source, match.index, match[0].length, `{{#${match[1]}}}`) : source;
    }
    case 'extra-argument': {
      const match = nth(source, BLOCK_OPENER, pick);
      return match ? replaceAt(source, match.index, match[0].length, `{{#${match[1]} ${match[2]} ${match[2]}}}`) : source;
    }
    case 'this-inside': {
      const match = field();
      return match ? replaceAt(source, match.index + match[0].lastIndexOf('.'), 1, '.this.') : source;
    }
    case 'delete': {
      const length = 1 + (text.length % 6);
      return replaceAt(source, at, length, '');
    }
    default:
      return source;
  }
}

const mutation = fc.record({
  kind: fc.constantFrom(
    'trailing-dot',
    'double-dot',
    'field-argument',
    'field-subexpression',
    'helper-typo',
    'unknown-helper',
    'partial-typo',
    'unknown-partial',
    'drop-closer',
    'wrong-closer',
    'stray',
    'else',
    'drop-argument',
    'extra-argument',
    'this-inside',
    'delete',
  ),
  pick: fc.nat(),
  text: fc.oneof(fc.constantFrom('{{', '}}', '}', '{', '{{{', '}}}', '{{#', '{{/', '{{>', '(', ')', '"', '.', '..', '{{else}}', '{{^}}', '{{#if}}', '{{/if}}'), fc.string({ maxLength: 4 })),
});

let root: string;
let site: Site;
let routes: readonly Route[];
let templates: string[];
const originals = new Map<string, string>();
const startedIn = process.cwd();
const outcomes = { failing: 0, passing: 0 };
// Each case checks, loads and renders a whole theme (about 0.2 s of CPU): 300 cases (the slow test tier)
// take about a minute; a campaign (`npm run fuzz`, FUZZ_RUNS=20000) runs a tenth of its count here.
const RUNS = process.env.FUZZ_RUNS === undefined ? 300 : Math.max(300, Math.round(FUZZ_RUNS / 10));

beforeAll(async () => {
  const config = { title: 'Fuzz Borough Blog', url: 'https://blog.example.org', perPage: 2, tagPages: 'full', search: false };
  root = await writeSite({ ...BASE_SITE, 'sectorpress.config.json': JSON.stringify(config) });
  await fs.cp(path.join(repoRoot, 'theme'), path.join(root, 'theme'), { recursive: true });
  templates = (await fs.readdir(path.join(root, 'theme'), { recursive: true })).filter((file) => file.endsWith('.hbs')).sort();
  for (const file of templates) originals.set(file, await fs.readFile(path.join(root, 'theme', file), 'utf8'));
  site = (await loadSite({ root, now: NOW, cache: false, workers: 0 })).site;
  routes = planRoutes(site).value;
  // `theme check` run from the site folder, as its user would: files are named theme/….
  process.chdir(root);
});

afterAll(() => {
  process.chdir(startedIn);
  console.log(`theme template fuzz (${RUNS} runs): ${JSON.stringify(outcomes)}\n${fuzzReport()}`);
});

/** What the build reports for the theme as it is on disk: its theme stage, then (if that passed) its pages. */
async function buildProblems(): Promise<readonly Problem[]> {
  const theme = await loadTheme(site.config);
  if (hasErrors(theme.problems)) return theme.problems;
  return [...theme.problems, ...renderPages(site, routes, theme.value).problems];
}

function expectLocated(problems: readonly Problem[], file: string, source: string, who: string): void {
  const lines = source.split('\n');
  for (const problem of problems.filter((candidate) => candidate.severity === 'error')) {
    const shown = formatProblem(problem);
    expect(problem.file, `${who}: ${shown}`).toBe(`theme/${file}`);
    expect(problem.line, `${who}: ${shown}`).toBeGreaterThanOrEqual(1);
    expect(problem.line, `${who}: ${shown}`).toBeLessThanOrEqual(lines.length);
    expect(problem.column, `${who}: ${shown}`).toBeGreaterThanOrEqual(1);
    expect(problem.column, `${who}: ${shown}`).toBeLessThanOrEqual((lines[(problem.line ?? 1) - 1]?.length ?? 0) + 1);
    expect(shown, who).not.toMatch(INTERNALS);
  }
}

describe('theme check and the build agree on mutated templates', () => {
  it('the unmutated copy passes both', async () => {
    expect((await checkTheme(path.join(root, 'theme'))).problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect((await buildProblems()).filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it(
    'fails in both or neither, every error located in the mutated file and in plain words',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(), mutation, async (which, change) => {
          countCase('theme-template');
          const file = templates[which % templates.length] as string;
          const original = originals.get(file) as string;
          const source = mutate(original, change);
          const target = path.join(root, 'theme', file);
          await fs.writeFile(target, source);
          try {
            const check = (await checkTheme(path.join(root, 'theme'))).problems;
            const build = await buildProblems();
            const context = `${file} after ${JSON.stringify(change)}:\n${source}\ncheck: ${check.map(formatProblem).join('\n')}\nbuild: ${build.map(formatProblem).join('\n')}`;
            expect(hasErrors(build), context).toBe(hasErrors(check));
            expectLocated(check, file, source, `theme check, ${context}`);
            expectLocated(build, file, source, `build, ${context}`);
            outcomes[hasErrors(check) ? 'failing' : 'passing'] += 1;
          } finally {
            await fs.writeFile(target, original);
          }
        }),
        { numRuns: RUNS },
      );
      // A generous bound per case: the machine may be loaded, and no test here is about speed.
    },
    RUNS * 3000,
  );
});

/** `sectorpress theme check`: static checks of a theme folder, each problem located (like Ghost's gscan). */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import Handlebars from 'handlebars';
import { errorProblem, staged, warningProblem, type Problem, type Staged } from '../errors.js';
import { REQUIRED_TEMPLATES } from '../render/load-theme.js';
import { templateProblem } from '../render/template-errors.js';
import { HELPER_NAMES } from '../render/theme-helpers.js';
import { bundledThemeFolder } from '../render/theme-layers.js';

type Node = hbs.AST.Node & { loc?: hbs.AST.SourceLocation };

interface Reference {
  readonly kind: 'partial' | 'helper';
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

function pathName(node: unknown): string | undefined {
  const candidate = node as { type?: string; original?: unknown };
  return candidate.type === 'PathExpression' && typeof candidate.original === 'string' ? candidate.original : undefined;
}

/** Walk the AST collecting partial and helper references. */
function collect(node: Node | undefined, found: Reference[]): void {
  if (!node || typeof node !== 'object') return;
  const record = node as unknown as Record<string, unknown> & { type: string; loc?: hbs.AST.SourceLocation };
  const at = { line: record.loc?.start.line ?? 1, column: (record.loc?.start.column ?? 0) + 1 };
  if (record.type === 'PartialStatement' || record.type === 'PartialBlockStatement') {
    const name = pathName(record.name) ?? (record.name as { value?: string }).value;
    if (typeof name === 'string') found.push({ kind: 'partial', name, ...at });
  }
  if (record.type === 'MustacheStatement' || record.type === 'BlockStatement' || record.type === 'SubExpression') {
    const name = pathName(record.path);
    const params = (record.params as unknown[] | undefined) ?? [];
    const hash = record.hash as { pairs?: unknown[] } | undefined;
    if (name && (params.length > 0 || (hash?.pairs?.length ?? 0) > 0 || record.type !== 'MustacheStatement') && !name.includes('.') && !name.startsWith('@')) {
      found.push({ kind: 'helper', name, ...at });
    }
  }
  for (const value of Object.values(record)) {
    if (Array.isArray(value)) value.forEach((child) => collect(child as Node, found));
    else if (value && typeof value === 'object' && 'type' in value) collect(value as Node, found);
  }
}

/**
 * Check a theme: required templates present, every partial it uses exists (in the theme or
 * the bundled default it falls back to), every helper is known, and all of it parses.
 */
export async function checkTheme(dir: string, extraHelpers: readonly string[] = []): Promise<Staged<void>> {
  const problems: Problem[] = [];
  if (!existsSync(dir)) return staged(undefined, [errorProblem({ code: 'theme/missing', message: `There is no theme folder at ${dir}.`, hint: 'Give the path of a theme folder, e.g. `sectorpress theme check theme`.' })]);
  const display = (file: string): string => path.relative(process.cwd(), path.join(dir, file)).split(path.sep).join('/');
  const files = (await fg('**/*.hbs', { cwd: dir })).sort();
  const bundledPartials = new Set((await fg('partials/**/*.hbs', { cwd: bundledThemeFolder() })).map((file) => file.replace(/^partials\//, '').replace(/\.hbs$/, '')));
  const partials = new Set(files.filter((file) => file.startsWith('partials/')).map((file) => file.replace(/^partials\//, '').replace(/\.hbs$/, '')));
  for (const name of REQUIRED_TEMPLATES) {
    if (!files.includes(`${name}.hbs`)) problems.push(errorProblem({ code: 'theme/missing-template', message: `The required template ${name}.hbs is missing.`, hint: 'Copy it from the default theme (sectorpress theme eject) and adapt it.', file: display(`${name}.hbs`) }));
  }
  const helpers = new Set([...HELPER_NAMES, ...extraHelpers]);
  for (const file of files) {
    let ast: hbs.AST.Program;
    try {
      ast = Handlebars.parse(await fs.readFile(path.join(dir, file), 'utf8'));
    } catch (error) {
      problems.push(templateProblem(error, display(file), 'theme/syntax', 'Fix the Handlebars syntax: every {{#block}} needs its {{/block}}.'));
      continue;
    }
    const found: Reference[] = [];
    collect(ast as unknown as Node, found);
    for (const reference of found) {
      const where = { file: display(file), line: reference.line, column: reference.column };
      if (reference.kind === 'partial' && !partials.has(reference.name) && !bundledPartials.has(reference.name)) {
        problems.push(errorProblem({ code: 'theme/missing-partial', message: `The partial "${reference.name}" is used but there is no partials/${reference.name}.hbs.`, hint: 'Create the partial or fix the name.', ...where }));
      }
      if (reference.kind === 'helper' && !helpers.has(reference.name)) {
        problems.push(warningProblem({ code: 'theme/unknown-helper', message: `Unknown helper "${reference.name}".`, hint: `Built-in helpers: ${HELPER_NAMES.slice(0, -8).join(', ')}. Site helpers come from \`helpers\` in the config.`, ...where }));
      }
    }
  }
  if (!existsSync(path.join(dir, 'theme.json'))) problems.push(warningProblem({ code: 'theme/manifest', message: 'The theme has no theme.json manifest.', hint: 'Add one with name, version and the sectorpress versions it supports.', file: display('theme.json') }));
  return staged(undefined, problems);
}

/** `sectorpress theme check`: static checks of a theme folder, each problem located (like Ghost's gscan). */
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { errorProblem, warningProblem, type Problem } from '../shared/errors.js';
import { analyseTemplate, type TemplateNames } from './analyse-template.js';
import { REQUIRED_TEMPLATES } from './load-theme.js';
import type { TemplateReference } from './template-references.js';
import { bundledThemeFolder, docsFile } from '../shared/package-root.js';
import { findRootRelativeLinks } from './root-relative-links.js';
import { localeProblems } from './check-locales.js';

/** What a theme provides: its own partials, with the bundled default theme's behind them (lookup falls back to it). */
async function partialNames(dir: string): Promise<Set<string>> {
  const files = [...(await fg('partials/**/*.hbs', { cwd: dir })), ...(await fg('partials/**/*.hbs', { cwd: bundledThemeFolder() }))];
  return new Set(files.map((file) => file.replace(/^partials\//, '').replace(/\.hbs$/, '')));
}

async function stringKeys(folder: string): Promise<string[]> {
  try {
    return Object.keys(JSON.parse(await fs.readFile(path.join(folder, 'locales', 'en-GB.json'), 'utf8')) as object);
  } catch {
    return [];
  }
}

/** A `t` key with no string: a warning (the page shows the key). Plural strings exist only as `key.one` / `key.other`. */
function missingString(reference: TemplateReference, strings: ReadonlySet<string>, file: string): Problem | undefined {
  if (reference.kind !== 'string' || strings.size === 0 || strings.has(reference.name) || strings.has(`${reference.name}.other`)) return undefined;
  return warningProblem({
    code: 'theme/missing-string',
    message: `The string "${reference.name}" is not in locales/en-GB.json; the page will show the key itself.`,
    hint: 'Add the key to locales/en-GB.json.',
    file,
    line: reference.line,
    column: reference.column,
  });
}

/** The build's own analysis of one template (analyse-template.ts), then the check's warnings about what it uses. */
async function checkTemplate(dir: string, file: string, display: string, names: TemplateNames, strings: ReadonlySet<string>): Promise<Problem[]> {
  const source = await fs.readFile(path.join(dir, file), 'utf8');
  const { program, references, problems } = analyseTemplate(source, display, names);
  if (!program) return [...problems];
  const missing = references.flatMap((reference) => missingString(reference, strings, display) ?? []);
  const links = findRootRelativeLinks(program).map((link) =>
    warningProblem({
      code: 'theme/root-relative-link',
      message: `The ${link.attribute} "${link.value}" is root-relative: it breaks when the site is published under a path (url: https://example.org/blog).`,
      hint: `Write ${link.attribute}="${link.value.startsWith('{{') ? `{{relUrl ${link.value.slice(2, -2)}}}` : `{{relUrl "${link.value}"}}`}": the relUrl helper adds the site's base path.`,
      file: display,
      line: link.line,
      column: link.column,
    }),
  );
  return [...problems, ...missing, ...links];
}

/** The manifest fields docs/themes.md asks for. */
function manifestProblems(file: string, display: string): Problem[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return [errorProblem({ code: 'theme/manifest', message: `theme.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, file: display })];
  }
  const fields = (manifest ?? {}) as Record<string, unknown>;
  return ['name', 'version', 'sectorpress']
    .filter((field) => typeof fields[field] !== 'string')
    .map((field) =>
      warningProblem({
        code: 'theme/manifest',
        message: `theme.json has no "${field}".`,
        hint: 'Give name, version and the sectorpress versions it supports, e.g. "sectorpress": ">=0.1.0 <1.0.0".',
        file: display,
      }),
    );
}

/** A folder with a layout or a manifest is a whole theme; otherwise it is a site's per-file overrides. */
function completenessProblems(dir: string, files: readonly string[], display: (file: string) => string): Problem[] {
  const isWholeTheme = files.includes('default.hbs') || existsSync(path.join(dir, 'theme.json'));
  if (!isWholeTheme) return [];
  const missing = REQUIRED_TEMPLATES.filter((name) => !files.includes(`${name}.hbs`)).map((name) =>
    errorProblem({
      code: 'theme/missing-template',
      message: `The required template ${name}.hbs is missing.`,
      hint: 'Copy it from the default theme (`sectorpress theme eject`) and adapt it.',
      file: display(`${name}.hbs`),
    }),
  );
  const manifest = existsSync(path.join(dir, 'theme.json'))
    ? manifestProblems(path.join(dir, 'theme.json'), display('theme.json'))
    : [
        warningProblem({
          code: 'theme/manifest',
          message: 'The theme has no theme.json manifest.',
          hint: `Add one with name, version and the sectorpress versions it supports (see ${docsFile('themes.md')}).`,
          file: display('theme.json'),
        }),
      ];
  return [...missing, ...manifest];
}

/** What `checkTheme` found: every problem, located; none with severity `error` means the theme can be used. */
export interface ThemeCheck {
  readonly problems: readonly Problem[];
}

/**
 * Check a theme folder: required templates present (for a whole theme), every partial
 * it uses exists (in it, or in the bundled default it falls back to), every helper is
 * known, every `t` key has a string (in every language file, with the plural forms its language
 * uses), every file parses and compiles, and no link is written
 * root-relative (`href="/tags/"` breaks under a base path; `{{relUrl "/tags/"}}` does not).
 *
 * @example
 * const { problems } = await checkTheme('theme');
 * for (const problem of problems) console.log(formatProblem(problem));
 */
export async function checkTheme(dir: string, extraHelpers: readonly string[] = []): Promise<ThemeCheck> {
  if (!existsSync(dir)) {
    return { problems: [errorProblem({ code: 'theme/missing', message: `There is no theme folder at ${dir}.`, hint: 'Give the path of a theme folder, e.g. `sectorpress theme check theme`.' })] };
  }
  const display = (file: string): string => path.relative(process.cwd(), path.join(dir, file)).split(path.sep).join('/');
  const files = (await fg('**/*.hbs', { cwd: dir })).sort();
  const names: TemplateNames = { partials: await partialNames(dir), siteHelpers: extraHelpers };
  const strings = new Set([...(await stringKeys(dir)), ...(await stringKeys(bundledThemeFolder()))]);
  const problems: Problem[] = completenessProblems(dir, files, display);
  for (const file of files) problems.push(...(await checkTemplate(dir, file, display(file), names, strings)));
  problems.push(...(await localeProblems(dir, display)));
  return { problems };
}

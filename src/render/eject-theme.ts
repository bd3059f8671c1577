/** `sectorpress theme eject`: copy the default theme into the site and point the config at it. */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { errorProblem, warningProblem, type Problem } from '../shared/errors.js';
import { bundledThemeFolder } from '../shared/package-root.js';
import { CONFIG_FILE_NAMES, JSON_CONFIG_FILE, THEME_FOLDER } from '../shared/site-layout.js';

async function pointJsonConfigAt(file: string, themePath: string): Promise<Problem | undefined> {
  const name = path.basename(file);
  let config: unknown;
  try {
    config = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    return errorProblem({
      code: 'theme/eject-config',
      message: `${name} is not valid JSON, so \`theme\` could not be set: ${error instanceof Error ? error.message : String(error)}`,
      hint: `Fix the JSON, then add "theme": "${themePath}".`,
      file: name,
    });
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    return errorProblem({ code: 'theme/eject-config', message: `${name} must hold a JSON object.`, file: name });
  }
  await fs.writeFile(file, `${JSON.stringify({ ...config, theme: themePath }, null, 2)}\n`);
  return undefined;
}

/** `theme`, `./theme` and `./theme/` name the same folder of the site. */
function samePath(a: string, b: string): boolean {
  return path.posix.normalize(`${a}/`) === path.posix.normalize(`${b}/`);
}

/**
 * Insert `theme` into a TS/JS config only in the one shape we can edit safely: a single
 * `defineConfig({` or `export default {` and no `theme` key yet. Anything else gets
 * instructions rather than a risky rewrite of the user's code.
 */
async function pointCodeConfigAt(file: string, themePath: string, inSiteTheme: boolean): Promise<Problem | undefined> {
  const name = path.basename(file);
  const text = await fs.readFile(file, 'utf8');
  const openings = [...text.matchAll(/defineConfig\(\s*\{|export\s+default\s+\{/g)];
  const already = /\btheme\s*:/.test(text);
  const setTo = /\btheme\s*:\s*(['"`])([^'"`]*)\1/.exec(text)?.[2];
  // A second eject into the same folder: the config already points at the copy.
  if (setTo !== undefined && samePath(setTo, themePath)) return undefined;
  if (!already && openings.length === 1) {
    const at = (openings[0]?.index ?? 0) + (openings[0]?.[0].length ?? 0);
    await fs.writeFile(file, `${text.slice(0, at)}\n  theme: '${themePath}',${text.slice(at)}`);
    return undefined;
  }
  const note = inSiteTheme ? ' (files in theme/ are used even without it, as per-file overrides)' : '';
  return warningProblem({
    code: 'theme/eject-config',
    message: already ? `${name} already sets \`theme\`; change it to '${themePath}' to use the copy${note}.` : `Add \`theme: '${themePath}'\` to ${name} to use the copied theme${note}.`,
    hint: `In ${name}: export default defineConfig({ …, theme: '${themePath}' });`,
    file: name,
  });
}

/** Add `theme` to the config file, in whatever form it has; create a JSON config when there is none. */
async function pointConfigAt(root: string, themePath: string, inSiteTheme: boolean): Promise<Problem | undefined> {
  const found = CONFIG_FILE_NAMES.map((name) => path.join(root, name)).find((file) => existsSync(file));
  if (!found) {
    await fs.writeFile(path.join(root, JSON_CONFIG_FILE), `${JSON.stringify({ theme: themePath }, null, 2)}\n`);
    return undefined;
  }
  return found.endsWith('.json') ? pointJsonConfigAt(found, themePath) : pointCodeConfigAt(found, themePath, inSiteTheme);
}

/** What `ejectTheme` did: where the copy is, and anything left for you to do (a code config it could not edit). */
export interface EjectedTheme {
  readonly themeDir: string;
  readonly problems: readonly Problem[];
}

/**
 * Copy the bundled theme to `<root>/<target>` (default `theme`), keeping any files
 * already there (your overrides win), and set `theme` in the site config. The site
 * builds identically afterwards.
 *
 * @example
 * const { themeDir, problems } = await ejectTheme('my-blog');
 * console.log(`Edit the templates in ${themeDir}`);
 */
export async function ejectTheme(root: string, target = THEME_FOLDER): Promise<EjectedTheme> {
  const themeDir = path.resolve(root, target);
  const relative = path.relative(root, themeDir).split(path.sep).join('/');
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return {
      themeDir,
      problems: [
        errorProblem({
          code: 'theme/eject-target',
          message: `The theme must be copied into a folder inside the site, not to ${target}.`,
          hint: 'Run `sectorpress theme eject` from the site folder, optionally naming a sub-folder such as `my-theme`.',
        }),
      ],
    };
  }
  if (!existsSync(root)) {
    return { themeDir, problems: [errorProblem({ code: 'theme/eject-target', message: `There is no site folder at ${root}.` })] };
  }
  await fs.cp(bundledThemeFolder(), themeDir, { recursive: true, force: false, errorOnExist: false });
  const problem = await pointConfigAt(root, `./${relative}`, relative === THEME_FOLDER);
  return { themeDir, problems: problem ? [problem] : [] };
}

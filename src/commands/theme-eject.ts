/** `sectorpress theme eject`: copy the default theme into the site and point the config at it. */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { CONFIG_NAMES } from '../config/load-config.js';
import { errorProblem, staged, warningProblem, type Problem, type Staged } from '../errors.js';
import { bundledThemeFolder } from '../render/theme-layers.js';

/** Add `theme` to the config file, in whatever form it has. Returns a problem when it cannot. */
async function pointConfigAt(root: string, themePath: string): Promise<Problem | undefined> {
  const found = CONFIG_NAMES.map((name) => path.join(root, name)).find((file) => existsSync(file));
  if (!found) {
    await fs.writeFile(path.join(root, 'sectorpress.config.json'), `${JSON.stringify({ theme: themePath }, null, 2)}\n`);
    return undefined;
  }
  const text = await fs.readFile(found, 'utf8');
  if (found.endsWith('.json')) {
    const config = JSON.parse(text) as Record<string, unknown>;
    await fs.writeFile(found, `${JSON.stringify({ ...config, theme: themePath }, null, 2)}\n`);
    return undefined;
  }
  if (/\btheme\s*:/.test(text)) {
    return warningProblem({ code: 'theme/eject-config', message: `${path.basename(found)} already sets \`theme\`; change it to '${themePath}' to use the copy.`, file: path.basename(found) });
  }
  const opening = /(defineConfig\(\s*\{|export\s+default\s+\{)/.exec(text);
  if (!opening) {
    return warningProblem({ code: 'theme/eject-config', message: `Add \`theme: '${themePath}'\` to ${path.basename(found)} to use the copied theme.`, file: path.basename(found) });
  }
  const at = opening.index + opening[0].length;
  await fs.writeFile(found, `${text.slice(0, at)}\n  theme: '${themePath}',${text.slice(at)}`);
  return undefined;
}

/**
 * Copy the bundled theme to `<root>/<target>` (default `theme`), keeping any files
 * already there (your overrides win), and set `theme` in the site config.
 */
export async function ejectTheme(root: string, target = 'theme'): Promise<Staged<{ themeDir: string }>> {
  const themeDir = path.resolve(root, target);
  const relative = path.relative(root, themeDir).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return staged({ themeDir }, [errorProblem({ code: 'theme/eject-target', message: `The theme must be copied inside the site folder, not to ${target}.` })]);
  }
  await fs.cp(bundledThemeFolder(), themeDir, { recursive: true, force: false, errorOnExist: false });
  const problem = await pointConfigAt(root, `./${relative}`);
  return staged({ themeDir }, problem ? [problem] : []);
}

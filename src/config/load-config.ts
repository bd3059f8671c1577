/** Find, load, validate and freeze `sectorpress.config.{ts,mts,js,mjs,json}`. The only config I/O. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { errorProblem, staged, type Staged } from '../shared/errors.js';
import { CONFIG_FILE_NAMES } from '../shared/site-layout.js';
import { isRecord } from './config-schema.js';
import { readConfigFile, type ConfigFileValue } from './read-config-file.js';
import { resolveThemeFolder } from './resolve-theme-folder.js';
import type { Config, ConfigOverrides } from './types.js';
import { validateConfig } from './validate-config.js';

async function isFolder(folder: string): Promise<boolean> {
  return fs.stat(folder).then(
    (stat) => stat.isDirectory(),
    () => false,
  );
}

async function findConfigFile(root: string): Promise<string | undefined> {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(root, name);
    if (
      await fs.stat(file).then(
        (stat) => stat.isFile(),
        () => false,
      )
    )
      return file;
  }
  return undefined;
}

/** A failed stage still owes a value; callers stop at the error before reading it. */
function failed(problems: Staged<unknown>['problems']): Staged<Config> {
  return staged(undefined as unknown as Config, problems);
}

/**
 * Load the site's config (or defaults when there is none), apply overrides, validate.
 * Never throws for bad input: a missing folder, a malformed or throwing config file,
 * unknown fields and wrong types all come back as error problems.
 *
 * @example
 * const { value: config, problems } = await loadConfig('/path/to/site', { now: '2026-01-01' });
 */
export async function loadConfig(root: string, overrides: ConfigOverrides): Promise<Staged<Config>> {
  const siteRoot = path.resolve(root);
  if (!(await isFolder(siteRoot))) {
    return failed([errorProblem({ code: 'config/no-site', message: `There is no site folder at ${siteRoot}.`, hint: 'Give the path of a site folder (one with a posts/ folder).' })]);
  }
  const file = await findConfigFile(siteRoot);
  const loaded: Staged<ConfigFileValue | undefined> = file ? await readConfigFile(file, path.basename(file)) : staged({ value: undefined, positions: new Map() });
  if (!loaded.value) return failed(loaded.problems);
  const source = { root: siteRoot, file, positions: loaded.value.positions, resolveTheme: (theme: string | undefined) => resolveThemeFolder(siteRoot, theme) };
  const fromFile = loaded.value.value;
  // Settings given in code merge over the file's; a file that is not an object still gets reported.
  const mergeable = fromFile === undefined || isRecord(fromFile);
  const merged = overrides.config && mergeable ? { ...(fromFile as object | undefined), ...overrides.config } : fromFile;
  const validated = validateConfig(merged, source, overrides);
  return validated.value ? staged(validated.value, validated.problems) : failed(validated.problems);
}

/** Find, load and validate `sectorpress.config.{ts,mts,js,mjs,json}`. The only config I/O. */
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createJiti } from 'jiti';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import type { SourcePosition } from '../content/types.js';
import { errorProblem, staged, type Staged } from '../errors.js';
import { packageRoot } from '../package-root.js';
import type { Config, ConfigOverrides } from './types.js';
import { validateConfig } from './validate-config.js';

export const CONFIG_NAMES = ['sectorpress.config.ts', 'sectorpress.config.mts', 'sectorpress.config.js', 'sectorpress.config.mjs', 'sectorpress.config.json'];

interface Loaded {
  readonly value: unknown;
  readonly positions: Map<string, SourcePosition>;
}

function parseJsonConfig(text: string, relative: string): Staged<Loaded | undefined> {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const error = document.errors[0];
  if (error) {
    const at = lines.linePos(error.pos[0]);
    return staged(undefined, [errorProblem({ code: 'config/syntax', message: `The config file is not valid JSON: ${error.message.split('\n')[0]}`, file: relative, line: at.line, column: at.col })]);
  }
  const positions = new Map<string, SourcePosition>();
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (isScalar(pair.key) && pair.key.range) {
        const at = lines.linePos(pair.key.range[0]);
        positions.set(String(pair.key.value), { line: at.line, column: at.col });
      }
    }
  }
  return staged({ value: document.toJS(), positions });
}

async function importConfig(file: string): Promise<unknown> {
  const jiti = createJiti(file, { fsCache: false, moduleCache: false, interopDefault: true });
  return jiti.import(file, { default: true });
}

async function loadFile(file: string, relative: string): Promise<Staged<Loaded | undefined>> {
  if (file.endsWith('.json')) return parseJsonConfig(await fs.readFile(file, 'utf8'), relative);
  try {
    return staged({ value: await importConfig(file), positions: new Map() });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return staged(undefined, [errorProblem({ code: 'config/load', message: `The config file could not be loaded: ${reason}`, hint: 'Fix the error in the config file; it must export the settings object as its default export.', file: relative })]);
  }
}

/** The bundled theme, a folder relative to the site, or an installed package's folder. */
function themeResolver(root: string): (theme: string | undefined) => string {
  return (theme) => {
    if (theme === undefined) return path.join(packageRoot(), 'theme');
    const local = path.resolve(root, theme);
    if (theme.startsWith('.') || path.isAbsolute(theme) || existsSync(local)) return local;
    try {
      return path.dirname(createRequire(path.join(root, 'noop.js')).resolve(`${theme}/package.json`));
    } catch {
      return local;
    }
  };
}

/**
 * Load the site's config (or defaults when there is none), apply overrides, validate.
 *
 * @example
 * const { value: config, problems } = await loadConfig('/path/to/site', { now: '2026-01-01' });
 */
export async function loadConfig(root: string, overrides: ConfigOverrides): Promise<Staged<Config>> {
  const siteRoot = path.resolve(root);
  if (!existsSync(siteRoot)) {
    return staged(undefined as unknown as Config, [errorProblem({ code: 'config/no-site', message: `There is no folder ${root}.`, hint: 'Give the path of a site folder (one with a posts/ folder).' })]);
  }
  const found = CONFIG_NAMES.map((name) => path.join(siteRoot, name)).find((file) => existsSync(file));
  const relative = found ? path.basename(found) : undefined;
  const loaded = found && relative ? await loadFile(found, relative) : staged<Loaded | undefined>({ value: undefined, positions: new Map() });
  if (!loaded.value) return staged(undefined as unknown as Config, loaded.problems);
  const validated = validateConfig(loaded.value.value, { root: siteRoot, file: found, positions: loaded.value.positions, resolveTheme: themeResolver(siteRoot) }, overrides);
  return staged(validated.value as Config, validated.problems);
}

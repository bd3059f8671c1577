// The public API is pinned: the package entry's exports are listed here, docs/api.md documents
// exactly those, and no internal type can be reached through them. Changing the API means
// changing this list, the doc and the types on purpose.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { repoRoot } from '../support/site-folder.js';

const RUNTIME_EXPORTS = ['BuildFailedError', 'build', 'checkTheme', 'createDevServer', 'defineConfig', 'ejectTheme', 'formatProblem', 'loadSite', 'runCli', 'slugify', 'watch'];

const TYPE_EXPORTS = [
  'Author',
  'BuildOptions',
  'BuildResult',
  'CliIo',
  'Config',
  'DateFormats',
  'DevOutput',
  'DevServer',
  'DevServerOptions',
  'EjectedTheme',
  'Event',
  'FileIdentity',
  'HtmlRouteKind',
  'ImageVariant',
  'LanguageLink',
  'LanguageSettings',
  'ListContext',
  'LoadedSite',
  'MarkdownOptions',
  'MonthArchive',
  'NavigationLink',
  'OutputFile',
  'Page',
  'Pagination',
  'PermalinkPatterns',
  'Post',
  'Problem',
  'RebuildResult',
  'RenderedMarkdown',
  'Route',
  'RouteContext',
  'SanitizeSchema',
  'Severity',
  'Site',
  'SiteLanguage',
  'SiteData',
  'SiteImage',
  'SourcePosition',
  'SourceRef',
  'StaticFile',
  'SubscribeBlock',
  'Tag',
  'ThemeCheck',
  'UserConfig',
  'WatchOptions',
  'YearArchive',
];

/** Names exported by `src/index.ts`, split into values and type-only exports, read from its text. */
async function entryExports(): Promise<{ values: string[]; types: string[] }> {
  const text = await fs.readFile(path.join(repoRoot, 'src', 'index.ts'), 'utf8');
  const values: string[] = [];
  const types: string[] = [];
  for (const [, typeOnly, names] of text.matchAll(/^export\s+(type\s+)?\{([^}]*)\}/gm)) {
    for (const item of (names ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)) {
      const isType = typeOnly !== undefined || item.startsWith('type ');
      const name =
        item
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)
          .pop() ?? '';
      (isType ? types : values).push(name);
    }
  }
  return { values: values.sort(), types: types.sort() };
}

/**
 * Names docs/api.md documents: a backticked name opening a heading (`## \`build(options?)\``,
 * several per heading allowed), and the first cell of each row of its "Types" table.
 */
async function documentedNames(): Promise<string[]> {
  const text = await fs.readFile(path.join(repoRoot, 'docs', 'api.md'), 'utf8');
  const names = new Set<string>();
  let inTypes = false;
  for (const line of text.split('\n')) {
    const heading = /^(#{2,4})\s+(.*)$/.exec(line);
    if (heading) {
      if (heading[1] === '##') inTypes = /^Types\b/.test(heading[2] ?? '');
      for (const [, name] of (heading[2] ?? '').matchAll(/`([A-Za-z_$][\w$]*)/g)) names.add(name ?? '');
      continue;
    }
    const row = /^\|\s*`([A-Za-z_$][\w$]*)`/.exec(line);
    if (inTypes && row) names.add(row[1] ?? '');
  }
  return [...names].sort();
}

async function runScript(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'scripts', 'check-public-types.mjs'), ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('public API', () => {
  it('exports exactly the pinned runtime names', () => {
    expect(Object.keys(api).sort()).toEqual([...RUNTIME_EXPORTS].sort());
  });

  it('exports exactly the pinned types, and the entry only re-exports', async () => {
    const { values, types } = await entryExports();
    expect(values).toEqual([...RUNTIME_EXPORTS].sort());
    expect(types).toEqual([...TYPE_EXPORTS].sort());
    const text = await fs.readFile(path.join(repoRoot, 'src', 'index.ts'), 'utf8');
    const code = text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(code.filter((line) => !/^export\s+(type\s+)?\{[^}]*\}\s+from\s+'\.\/[^']+';$/.test(line))).toEqual([]);
  });

  it('is documented in docs/api.md: every export, and nothing that is not exported', async () => {
    expect(await documentedNames()).toEqual([...RUNTIME_EXPORTS, ...TYPE_EXPORTS].sort());
  });

  it('leaks no internal type: every type reachable from an export is exported too', async () => {
    const run = await runScript([]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('the leak check names an internal type reached through a public one', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-api-'));
    await fs.mkdir(path.join(folder, 'dev'));
    await fs.writeFile(path.join(folder, 'index.d.ts'), "export { createDevServer, type DevServer } from './dev/server.js';\n");
    await fs.writeFile(
      path.join(folder, 'dev', 'server.d.ts'),
      "import { DevSession } from './session.js';\nexport interface DevServer {\n    readonly session: DevSession;\n}\nexport declare function createDevServer(): Promise<DevServer>;\n",
    );
    await fs.writeFile(path.join(folder, 'dev', 'session.d.ts'), 'export declare class DevSession {\n    private files;\n}\n');
    const run = await runScript([folder]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DevServer → DevSession (dev/session.d.ts)');
  });
});

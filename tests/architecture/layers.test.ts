// The layering rule (docs/architecture.md): each stage imports only from itself and the stages the
// graph in scripts/check-layers.mjs allows it. `npm run check:layers` enforces it; these tests run that same script.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/site-folder.js';

const script = path.join(repoRoot, 'scripts', 'check-layers.mjs');

interface CheckRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function checkLayers(root: string): Promise<CheckRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, root]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A throwaway project whose `src/` holds exactly `files`. */
async function project(files: Readonly<Record<string, string>>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-layers-'));
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), text);
  }
  return root;
}

/** The report of a project holding `files`, which must fail the check. */
async function breaches(files: Readonly<Record<string, string>>): Promise<string> {
  const run = await checkLayers(await project(files));
  expect(run.code).toBe(1);
  return run.stderr;
}

describe('check-layers', () => {
  it('passes on sectorpress itself', async () => {
    const run = await checkLayers(repoRoot);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('names the file, line and later stage of an import that points the wrong way', async () => {
    const stderr = await breaches({
      'src/render/render-pages.ts': 'export const render = 1;\n',
      'src/model/build-site.ts': "import { slugify } from '../shared/slug.js';\nimport { render } from '../render/render-pages.js';\n",
      'src/shared/slug.ts': 'export const slugify = 1;\n',
    });
    expect(stderr).toContain("src/model/build-site.ts:2 imports stage 'render' (../render/render-pages.js), which 'model' may not use");
    expect(stderr).toContain('model may import only from: shared, config, content, images, markdown');
    expect(stderr).not.toContain('shared/slug');
  });

  it('catches type-only, multi-line and dynamic imports, and a shared leaf that imports a stage', async () => {
    const stderr = await breaches({
      'src/config/types.ts': "import type {\n  SourceFile,\n} from '../content/types.js';\n",
      'src/content/types.ts': 'export interface SourceFile { readonly path: string }\n',
      'src/routes/plan-routes.ts': "export async function later() {\n  return import('../feeds/render-feeds.js');\n}\n",
      'src/feeds/render-feeds.ts': 'export {};\n',
      'src/shared/dates.ts': "import type { Config } from '../config/types.js';\n",
    });
    expect(stderr).toContain("src/config/types.ts:3 imports stage 'content'");
    expect(stderr).toContain("src/routes/plan-routes.ts:2 imports stage 'feeds'");
    expect(stderr).toContain("src/shared/dates.ts:1 imports stage 'config'");
  });

  it('refuses an import from an earlier stage the graph does not allow (not "any earlier one")', async () => {
    const stderr = await breaches({
      'src/output/write-output.ts': "import type { Site } from '../model/types.js';\nimport type { Route } from '../routes/types.js';\n",
      'src/model/types.ts': 'export interface Site { readonly title: string }\n',
      'src/routes/types.ts': 'export interface Route { readonly url: string }\n',
      'src/search/build-index.ts': "import { render } from '../render/render-pages.js';\n",
      'src/render/render-pages.ts': 'export const render = 1;\n',
    });
    expect(stderr).toContain("src/output/write-output.ts:1 imports stage 'model' (../model/types.js), which 'output' may not use");
    expect(stderr).not.toContain('write-output.ts:2');
    expect(stderr).toContain("src/search/build-index.ts:1 imports stage 'render'");
  });

  it('keeps the graph itself acyclic and complete', async () => {
    const probe = `import { checkGraph } from ${JSON.stringify(pathToFileURL(script).href)};
console.log(JSON.stringify([checkGraph(), checkGraph([{ name: 'a' }, { name: 'b' }, { name: 'c' }], { a: ['b'], b: ['c'], c: ['a', 'd'] })]));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', probe]);
    const [own, broken] = JSON.parse(stdout) as [string[], string[]];
    expect(own).toEqual([]);
    expect(broken).toContain("ALLOWED.c names unknown stage 'd'");
    expect(broken).toContain('ALLOWED has a cycle: a → b → c → a');
  });

  it('refuses a source file that belongs to no stage, so a new folder must be placed in the order', async () => {
    const stderr = await breaches({ 'src/analytics/count-visits.ts': 'export {};\n' });
    expect(stderr).toContain('src/analytics/count-visits.ts:1 is in no stage');
  });
});

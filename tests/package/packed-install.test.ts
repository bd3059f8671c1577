// The package as a newcomer gets it: `npm pack`, installed from the tarball into a fresh ES module project and a
// fresh CommonJS project (the Getting started steps, run as written), each building a site through the public API
// and the installed binary. Slow (two npm installs from the local cache), so one pack serves every test.
import { execFile, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/site-folder.js';

const run = promisify(execFile);
const TIMEOUT = 600_000;
const NOW = '2024-07-01T12:00:00Z';

/** The child's environment without the npm_* settings of the `npm`/`npx` that started the tests. */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
const INSTALL_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

interface Packed {
  readonly tarball: string;
  readonly files: readonly string[];
}

let work: string;
let packed: Packed;
let version: string;

/**
 * Pack a copy of the repository in which the example has been built and has a Markdown cache, as after
 * `npm run example`: what was generated there must stay out of the tarball.
 */
async function packCopy(): Promise<Packed> {
  const copy = path.join(work, 'source');
  const top = new Set(['node_modules', '.git', 'tests', 'bench']);
  await fs.cp(repoRoot, copy, { recursive: true, filter: (source) => !top.has(path.relative(repoRoot, source).split(path.sep)[0] ?? '') });
  const example = path.join(copy, 'examples', 'children-services-blog');
  await fs.mkdir(path.join(example, '_site'), { recursive: true });
  await fs.writeFile(path.join(example, '_site', 'index.html'), '<p>built</p>');
  await fs.mkdir(path.join(example, 'node_modules', '.cache', 'sectorpress'), { recursive: true });
  await fs.writeFile(path.join(example, 'node_modules', '.cache', 'sectorpress', 'markdown.json'), '{}');
  // dist/ is compiled by the test setup; --ignore-scripts keeps `prepare` from recompiling it under other tests.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: copy, env });
  const [report] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  if (!report) throw new Error(`npm pack reported nothing: ${stdout}`);
  return { tarball: path.join(work, report.filename), files: report.files.map((file) => file.path) };
}

/** A site small enough to build in a blink. */
async function writeTinySite(root: string): Promise<void> {
  await fs.mkdir(path.join(root, 'posts'), { recursive: true });
  await fs.writeFile(path.join(root, 'sectorpress.config.json'), JSON.stringify({ title: 'Tiny', url: 'https://tiny.example.org' }));
  await fs.writeFile(path.join(root, 'posts', '2024-06-01-hello.md'), '---\ntitle: Hello\nsummary: The first post.\n---\n\nHello, world.\n');
}

const node = (cwd: string, args: string[]) => run(process.execPath, args, { cwd, env });

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-pack-'));
  version = (JSON.parse(await fs.readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  packed = await packCopy();
}, TIMEOUT);

describe('the packed tarball', () => {
  it('ships the docs and examples the hints and README point at, and nothing generated', () => {
    const { files } = packed;
    for (const doc of ['configuration.md', 'content.md', 'templates.md', 'themes.md', 'getting-started.md']) expect(files).toContain(`docs/${doc}`);
    expect(files).toContain('examples/library-usage/build-from-code.mjs');
    expect(files).toContain('examples/children-services-blog/sectorpress.config.ts');
    expect(files).toContain('bin/sectorpress.js');
    expect(files).toContain('dist/index.js');
    expect(files.filter((file) => /(^|\/)(_site|\.cache|node_modules)\//.test(file))).toEqual([]);
    expect(files.filter((file) => /^(src|tests|bench)\//.test(file))).toEqual([]);
  });

  it('names its repository, home page and issue tracker', async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.repository).toMatchObject({ url: expect.stringMatching(/github\.com\/sectorpress\/sectorpress/) });
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs).toMatchObject({ url: expect.stringMatching(/^https:\/\/.*issues/) });
  });
});

describe('installed into a fresh ES module project', () => {
  let project: string;
  let installWarnings: string;

  beforeAll(async () => {
    project = path.join(work, 'esm-project');
    await fs.mkdir(project);
    await fs.writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'esm-project', private: true, type: 'module' }));
    // Warnings shown, as a newcomer sees them.
    const { stderr } = await run('npm', ['install', ...INSTALL_FLAGS.filter((flag) => !flag.startsWith('--loglevel')), '--loglevel=warn', packed.tarball], { cwd: project, env });
    installWarnings = stderr;
  }, TIMEOUT);

  it('installs without warning about an install script, and without the browser-check packages', async () => {
    expect(installWarnings).not.toMatch(/install-scripts|prepare/);
    const installed = await fs.readdir(path.join(project, 'node_modules'));
    expect(installed).toContain('sectorpress');
    expect(installed).not.toContain('playwright-core');
    expect(installed).not.toContain('axe-core');
  });

  it(
    'imports sectorpress and builds a site with it',
    async () => {
      await writeTinySite(path.join(project, 'site'));
      await fs.writeFile(
        path.join(project, 'build.js'),
        `import { build, defineConfig } from 'sectorpress';\nconst result = await build({ root: 'site', now: '${NOW}' });\nconsole.log(typeof defineConfig, result.counts.posts, result.files.includes('2024/06/hello/index.html'));\n`,
      );
      const { stdout, stderr } = await node(project, ['build.js']);
      expect(stdout.trim()).toBe('function 1 true');
      expect(stderr).toBe('');
      expect(await fs.readFile(path.join(project, 'site', '_site', '2024', '06', 'hello', 'index.html'), 'utf8')).toContain('Hello, world.');
    },
    TIMEOUT,
  );

  it(
    'says what `check --browser` needs when playwright-core and axe-core are not installed, without a stack trace',
    async () => {
      const failed = await node(project, [path.join(project, 'node_modules', '.bin', 'sectorpress'), 'check', '--browser', 'site']).then(
        () => undefined,
        (error: { code?: number; stdout?: string; stderr?: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toContain('check --browser needs playwright-core and axe-core: npm install --save-dev playwright-core axe-core');
      expect(failed?.stderr).not.toMatch(/\n\s+at |ERR_MODULE_NOT_FOUND/);
    },
    TIMEOUT,
  );

  it(
    'runs the installed binary',
    async () => {
      const { stdout } = await node(project, [path.join(project, 'node_modules', '.bin', 'sectorpress'), '--version']);
      expect(stdout.trim()).toBe(version);
    },
    TIMEOUT,
  );
});

/**
 * The `sh` block of "## Start your own blog" in docs/getting-started.md that makes the blog, as shell scripts to run:
 * the commands before its `# edit …` line (the step the user does by hand), that step, and the commands after it.
 */
async function gettingStartedScript(tarball: string): Promise<{ before: string; edit: string; after: string; skipped: string[] }> {
  const doc = await fs.readFile(path.join(repoRoot, 'docs', 'getting-started.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Start your own blog'));
  const block = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '').find((text) => text.includes('sectorpress new site')) ?? '';
  const lines = block
    .split('\n')
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter(Boolean);
  // `serve` and `dev` run until stopped (tests/render/serve-command.test.ts and tests/dev cover them).
  const longRunning = (line: string): boolean => /\bsectorpress (serve|dev)\b/.test(line);
  const commands = lines
    .filter((line) => !longRunning(line))
    // Until sectorpress is published the steps install the tarball made in a clone: this one stands in for it.
    .map((line) => line.replace(/^npm install --save-dev \S+$/, `npm install --save-dev ${INSTALL_FLAGS.join(' ')} ${tarball}`));
  const at = commands.findIndex((line) => line.startsWith('# edit '));
  return { before: commands.slice(0, at).join('\n'), edit: commands[at] ?? '', after: commands.slice(at + 1).join('\n'), skipped: lines.filter(longRunning) };
}

/** What the user writes in place of the placeholder. */
const USER_TEXT = 'We have replied to the council’s consultation on next year’s budget: read our response in full.';

describe('the Getting started steps, then a fresh CommonJS project', () => {
  let blog: string;
  let steps: Awaited<ReturnType<typeof gettingStartedScript>>;
  let printed: { before: string; after: string };

  beforeAll(async () => {
    const start = path.join(work, 'newcomer');
    await fs.mkdir(start);
    steps = await gettingStartedScript(packed.tarball);
    const before = await run('sh', ['-e', '-c', steps.before], { cwd: start, env });
    blog = path.join(start, 'my-blog');
    // The step done by hand, as its line says: write the post, then delete its draft line.
    const post = (await fs.readdir(path.join(blog, 'posts'))).find((name) => name.endsWith('-our-response-to-the-consultation.md'));
    if (post) {
      const file = path.join(blog, 'posts', post);
      const text = await fs.readFile(file, 'utf8');
      await fs.writeFile(file, text.replace('Write the post here.', USER_TEXT).replace(/^draft: true\n/m, ''));
    }
    // The steps go on in the folder the first ones moved into.
    const after = await run('sh', ['-e', '-c', steps.after], { cwd: blog, env });
    printed = { before: before.stdout + before.stderr, after: after.stdout + after.stderr };
  }, TIMEOUT);

  it(
    'installs sectorpress before using it, and the steps build the new site with the user’s post first',
    async () => {
      expect(steps.before).toMatch(/npm install --save-dev .*\.tgz[\s\S]*npx sectorpress new site[\s\S]*npx sectorpress new post/);
      expect(steps.edit).toMatch(/^# edit posts\/\*-our-response-to-the-consultation\.md: write the post, then delete its "draft: true" line$/);
      expect(steps.after).toMatch(/^npx sectorpress build$/);
      expect(steps.skipped).toEqual(['npx sectorpress serve']);
      // What the steps told the user along the way.
      expect(printed.before).toContain('Next: npx sectorpress dev');
      expect(printed.before).toContain('delete its `draft: true` line to publish it');
      expect(printed.after).not.toContain('warning');
      const manifest = JSON.parse(await fs.readFile(path.join(blog, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string>; type?: string };
      expect(Object.keys(manifest.devDependencies ?? {})).toEqual(['sectorpress']);
      const home = await fs.readFile(path.join(blog, '_site', 'index.html'), 'utf8');
      const first = /<article class="card">[\s\S]*?<\/article>/.exec(home)?.[0] ?? '';
      expect(first).toContain('Our response to the consultation');
      const page = /<a href="([^"]+)">Our response to the consultation<\/a>/.exec(first)?.[1] ?? '';
      expect(await fs.readFile(path.join(blog, '_site', page, 'index.html'), 'utf8')).toContain(USER_TEXT);
      const site = await fs.readdir(path.join(blog, '_site'), { recursive: true });
      for (const file of site.map(String).filter((name) => name.endsWith('.html') || name.endsWith('.xml'))) {
        expect(await fs.readFile(path.join(blog, '_site', file), 'utf8'), file).not.toContain('Write the post here.');
      }
    },
    TIMEOUT,
  );

  it(
    'is a CommonJS project in which require("sectorpress") works and builds a site',
    async () => {
      const manifest = JSON.parse(await fs.readFile(path.join(blog, 'package.json'), 'utf8')) as { type?: string };
      expect(manifest.type).not.toBe('module');
      await writeTinySite(path.join(blog, 'tiny'));
      await fs.writeFile(
        path.join(blog, 'build.js'),
        `const { build } = require('sectorpress');\nbuild({ root: 'tiny', now: '${NOW}' }).then((result) => console.log(result.counts.posts, result.files.includes('2024/06/hello/index.html')));\n`,
      );
      const { stdout, stderr } = await node(blog, ['build.js']);
      expect(stdout.trim()).toBe('1 true');
      expect(stderr).not.toMatch(/ERR_|Error/);
    },
    TIMEOUT,
  );

  it(
    'runs the installed binary',
    async () => {
      const { stdout } = await run('npx', ['--no-install', 'sectorpress', '--version'], { cwd: blog, env });
      expect(stdout.trim()).toBe(version);
    },
    TIMEOUT,
  );

  it(
    'serves the built site with the installed `sectorpress serve` (the step the script skipped)',
    async () => {
      const child = spawn(process.execPath, [path.join(blog, 'node_modules', '.bin', 'sectorpress'), 'serve', '--port', '0'], { cwd: blog, env, stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        let printed = '';
        child.stdout.setEncoding('utf8');
        for await (const chunk of child.stdout) {
          printed += String(chunk);
          if (/http:\/\/\S+/.test(printed)) break;
        }
        const url = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(printed)?.[1] ?? '';
        const home = await fetch(url);
        expect(home.status).toBe(200);
        expect(await home.text()).toBe(await fs.readFile(path.join(blog, '_site', 'index.html'), 'utf8'));
      } finally {
        child.kill('SIGTERM');
      }
    },
    TIMEOUT,
  );
});

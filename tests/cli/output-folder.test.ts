// The CLI as a user runs it, around folders that are not the build's own: `--out posts`, a
// gh-pages git worktree, `clean` with a dangerous `outDir`, and the trash after many builds.
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli.js';
import { copyFixture, exists, readTree, repoRoot } from '../support/site-folder.js';

const NOW = '2024-07-01T12:00:00Z';

let site: string;
let posts: Map<string, Buffer>;
const savedHome = process.env.HOME;

beforeEach(async () => {
  site = await copyFixture('cli-small');
  posts = await readTree(path.join(site, 'posts'));
});

afterEach(() => {
  if (savedHome === undefined) delete process.env.HOME;
  else process.env.HOME = savedHome;
});

async function expectPostsIntact(): Promise<void> {
  expect(await readTree(path.join(site, 'posts'))).toEqual(posts);
}

const trash = (): string => path.join(site, 'node_modules', '.cache', 'sectorpress', 'trash');
const trashCount = async (): Promise<number> => (await fs.readdir(trash()).catch(() => [])).length;

describe('sectorpress build --out', () => {
  it('refuses --out posts, says why and how to go on, and every post is still there', async () => {
    const run = await runCliCaptured(['build', site, '--out', path.join(site, 'posts'), '--now', NOW]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("posts error: Refusing to use posts as the output folder: it is the site's posts folder (posts/).");
    expect(run.stderr).toContain('Choose an output folder of its own');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    await expectPostsIntact();
    const next = await runCliCaptured(['build', site, '--now', NOW]);
    expect(next.stdout).toMatch(/^Built 2 posts/);
  });

  it('refuses --out static/site, so the output never copies itself into the next build', async () => {
    await fs.mkdir(path.join(site, 'static'));
    await fs.writeFile(path.join(site, 'static', 'robots.txt'), 'User-agent: *\n');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const run = await runCliCaptured(['build', site, '--out', path.join(site, 'static', 'site'), '--now', NOW, '--replace-out']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("it is inside the site's static folder (static/)");
    }
    expect(await fs.readdir(path.join(site, 'static'))).toEqual(['robots.txt']);
  });

  it('refuses the home folder and its parent', async () => {
    const home = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-users-')), 'jo');
    await fs.mkdir(home);
    await fs.writeFile(path.join(home, '.bashrc'), 'mine');
    process.env.HOME = home;
    for (const [out, reason] of [
      [home, 'it is your home folder'],
      [path.dirname(home), 'it contains your home folder'],
    ] as const) {
      const run = await runCliCaptured(['build', site, '--out', out, '--now', NOW, '--replace-out']);
      expect(run.code, out).toBe(1);
      expect(run.stderr).toContain(reason);
    }
    expect(await fs.readFile(path.join(home, '.bashrc'), 'utf8')).toBe('mine');
  });

  it('refuses a folder it did not make, naming its contents; --replace-out replaces it', async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-pages-'));
    await fs.mkdir(path.join(out, '.git'));
    await fs.writeFile(path.join(out, 'CNAME'), 'blog.example.org\n');
    const run = await runCliCaptured(['build', site, '--out', out, '--now', NOW]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('it holds 2 entries (.git, CNAME) and is not a folder sectorpress made');
    expect(run.stderr).toContain('--replace-out');
    expect((await fs.readdir(out)).sort()).toEqual(['.git', 'CNAME']);
    const replaced = await runCliCaptured(['build', site, '--out', out, '--now', NOW, '--replace-out']);
    expect(replaced.code).toBe(0);
    expect(await exists(path.join(out, 'index.html'))).toBe(true);
  });
});

describe('publishing into a gh-pages git worktree (docs/getting-started.md)', () => {
  const git = (cwd: string, ...args: string[]): string => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd, encoding: 'utf8' });

  it('refuses to build into the worktree, and the documented build-then-copy publishes with CNAME', async () => {
    const repo = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-repo-'));
    await fs.cp(site, repo, { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'Site');
    git(repo, 'checkout', '-q', '--orphan', 'gh-pages');
    git(repo, 'rm', '-rqf', '.');
    await fs.writeFile(path.join(repo, 'CNAME'), 'old.example.org\n');
    git(repo, 'add', 'CNAME');
    git(repo, 'commit', '-qm', 'Start gh-pages');
    git(repo, 'checkout', '-q', 'main');
    const pages = `${repo}-gh-pages`;
    git(repo, 'worktree', 'add', '-q', pages, 'gh-pages');

    const refused = await runCliCaptured(['build', repo, '--out', pages, '--now', NOW]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('(.git, CNAME)');
    expect(git(pages, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('gh-pages');

    // The steps the docs give, run as written.
    await fs.mkdir(path.join(repo, 'static'));
    await fs.writeFile(path.join(repo, 'static', 'CNAME'), 'blog.example.org\n');
    expect((await runCliCaptured(['build', repo, '--now', NOW])).code).toBe(0);
    const identity = { GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org' };
    execFileSync('sh', ['-c', 'git rm -rq --ignore-unmatch . && cp -R "$SITE/_site/." . && git add -A && git commit -qm "Publish"'], { cwd: pages, env: { ...process.env, ...identity, SITE: repo } });
    const published = git(repo, 'ls-tree', '-r', '--name-only', 'gh-pages').split('\n');
    expect(published).toContain('index.html');
    expect(published).toContain('CNAME');
    expect(git(repo, 'show', 'gh-pages:CNAME')).toBe('blog.example.org\n');
    expect(git(pages, 'status', '--porcelain')).toBe('');
  });
});

describe('sectorpress clean', () => {
  const config = (fields: Record<string, unknown>): Promise<void> =>
    fs.writeFile(path.join(site, 'sectorpress.config.json'), JSON.stringify({ title: 'Small blog', url: 'https://small.example.org', ...fields }));

  it('refuses an outDir among the sources, and removes nothing', async () => {
    expect((await runCliCaptured(['build', site, '--now', NOW])).code).toBe(0);
    await config({ outDir: 'posts' });
    const run = await runCliCaptured(['clean', site]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Refusing to use posts as the output folder: it is the site's posts folder (posts/)");
    expect(run.stderr).toContain('Nothing was removed.');
    await expectPostsIntact();
    expect(await exists(path.join(site, 'node_modules', '.cache', 'sectorpress'))).toBe(true);
  });

  it('refuses the home folder and a folder a build did not make', async () => {
    const home = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-home-'));
    await fs.writeFile(path.join(home, 'notes.txt'), 'mine');
    process.env.HOME = home;
    await config({ outDir: home });
    expect((await runCliCaptured(['clean', site])).stderr).toContain('it is your home folder');
    const other = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-other-'));
    await fs.writeFile(path.join(other, 'CNAME'), 'x');
    await config({ outDir: other });
    const run = await runCliCaptured(['clean', site]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('`clean` removes only an output folder a build made');
    expect(await fs.readFile(path.join(home, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await fs.readdir(other)).toEqual(['CNAME']);
  });

  it('removes the output a build made, and the cache', async () => {
    expect((await runCliCaptured(['build', site, '--now', NOW])).code).toBe(0);
    const run = await runCliCaptured(['clean', site]);
    expect(run.code).toBe(0);
    expect(await exists(path.join(site, '_site'))).toBe(false);
    expect(await exists(path.join(site, 'node_modules', '.cache', 'sectorpress'))).toBe(false);
  });
});

describe('the trash of replaced outputs', () => {
  it('holds at most one old output after each of 20 CLI builds', async () => {
    for (let index = 0; index < 20; index += 1) {
      const run = await runCliCaptured(['build', site, '--now', NOW, '--quiet']);
      expect(run.code).toBe(0);
      expect(await trashCount(), `after build ${index + 1}`).toBeLessThanOrEqual(1);
    }
  });

  it('holds at most one old output after 10 builds by the real binary, each a process that exits', async () => {
    const bin = path.join(repoRoot, 'bin', 'sectorpress.js');
    for (let index = 0; index < 10; index += 1) {
      const run = spawnSync(process.execPath, [bin, 'build', site, '--now', NOW, '--quiet'], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
    }
    expect(await trashCount()).toBeLessThanOrEqual(1);
  });
});

// Incremental output equals a clean build, whatever the theme shows: random series of author edits
// (every front-matter field, bodies, pages, events, data files, config, a partial, static files,
// posts added, deleted and renamed, drafts) on sites with forked themes, among them one that prints
// every field of every model object and one that shows other posts' summaries, word counts and
// pins. After each edit the warm build, `watch()` and the dev server must each hold, byte for byte,
// what a clean build (no caches) writes. Runs: PARITY_RUNS (default 3), each of up to 5 edits.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import { createDevServer, type DevServer } from '../../src/dev/create-dev-server.js';
import type { RebuildResult } from '../../src/dev/dev-session.js';
import { watch } from '../../src/dev/watch.js';
import { copyFixture, readTree } from '../support/site-folder.js';

const NOW = '2025-01-01T12:00:00Z';

/** Every own field of `this`, printed (objects print as Handlebars prints them). */
const FIELDS = '{{#each this}}{{@key}}={{this}};{{/each}}';

/** A fork whose footer prints every field of every model object, on every page (but the output folder, which a clean build into another folder cannot share). */
const EVERYTHING = `<footer class="site-footer"><div class="dump">
{{#each site.posts}}<p>${FIELDS} source:{{#with source}}${FIELDS}{{/with}} tags:{{#each tags}}${FIELDS}{{/each}} authors:{{#each authors}}${FIELDS}{{/each}} next:{{next.title}} previous:{{previous.title}} related:{{#each related}}{{title}},{{/each}} comments:{{#each comments}}${FIELDS}{{/each}}</p>
{{/each}}{{#each site.pages}}<p>${FIELDS}</p>{{/each}}{{#each site.events.all}}<p>${FIELDS}</p>{{/each}}{{#each site.events.upcoming}}<p>up:{{title}}</p>{{/each}}
{{#each site.tags}}<p>${FIELDS}</p>{{/each}}{{#each site.authors}}<p>${FIELDS}</p>{{/each}}
{{#each site.years}}<p>${FIELDS}{{#each months}}${FIELDS}{{/each}}</p>{{/each}}
<p>{{#each site.config}}{{#unless (eq @key "outDir")}}{{@key}}={{this}};{{/unless}}{{/each}}</p><p>{{#each site.data}}{{@key}}={{this}};{{/each}}</p><p>now={{site.now}} next={{nextEvent.title}}</p>
</div></footer>
`;

/** A fork that shows other posts' summaries, word counts and pins beside each post and on the home page. */
const SIDEBAR_POST = `<article>{{> post-full}}</article>
<aside class="more">{{#with post.next}}<p>Next: {{title}}: {{summary}} ({{wordCount}} words{{#if sticky}}, pinned{{/if}})</p>{{/with}}
{{#each post.related}}<p>{{title}}: {{summary}} {{readingMinutes}}</p>{{/each}}</aside>
`;
const SIDEBAR_INDEX = `{{#each posts}}{{> post-card}}<p class="pin">{{#if sticky}}pinned{{/if}} {{wordCount}}</p>{{/each}}
<ul class="recent">{{#each site.posts}}{{#if sticky}}<li>{{title}}: {{summary}}</li>{{/if}}{{/each}}</ul>
{{> pagination}}
`;

const THEMES: Record<string, Record<string, string>> = {
  default: {},
  everything: { 'partials/footer.hbs': EVERYTHING },
  sidebar: { 'post.hbs': SIDEBAR_POST, 'index.hbs': SIDEBAR_INDEX },
};

type Random = (below: number) => number;

/** One author edit: does it, and returns the site-relative paths it touched. */
type Edit = (site: string, random: Random) => Promise<string[]>;

const posts = async (site: string): Promise<string[]> => (await fs.readdir(path.join(site, 'posts'))).filter((name) => name.endsWith('.md')).sort();

/** Save as an editor does (a temporary file renamed into place), so a watcher never reads half a file. */
async function save(site: string, file: string, text: string): Promise<string[]> {
  const full = path.join(site, file);
  await fs.mkdir(path.dirname(full), { recursive: true });
  const temp = path.join(path.dirname(full), `.${path.basename(full)}.swp`);
  await fs.writeFile(temp, text);
  await fs.rename(temp, full);
  return [file];
}

async function change(site: string, file: string, edit: (text: string) => string): Promise<string[]> {
  return save(site, file, edit(await fs.readFile(path.join(site, file), 'utf8')));
}

/** Set (or with `undefined`, remove) one front-matter line of a Markdown file. */
function frontMatter(text: string, key: string, value: string | undefined): string {
  const line = new RegExp(`^${key}:.*\\n`, 'm');
  const without = text.replace(line, '');
  return value === undefined ? without : without.replace(/^---\n/, `---\n${key}: ${value}\n`);
}

/** A post of the site, picked at random. */
async function somePost(site: string, random: Random): Promise<string> {
  const list = await posts(site);
  return `posts/${list[random(list.length)]}`;
}

const postField =
  (key: string, value: (random: Random) => string | undefined): Edit =>
  async (site, random) =>
    change(site, await somePost(site, random), (text) => frontMatter(text, key, value(random)));

const EDITS: Record<string, Edit> = {
  title: postField('title', (random) => `"Edited title ${random(1000)}"`),
  date: postField('date', (random) => `2024-0${1 + random(9)}-1${random(9)}`),
  updated: postField('updated', (random) => (random(2) ? `2024-12-1${random(9)}` : undefined)),
  tags: postField('tags', (random) => `["Tag ${random(5)}", "Leadership"]`),
  author: postField('author', (random) => ['amara', 'tom', '[amara, tom]', undefined][random(4)]),
  summary: postField('summary', (random) => (random(3) ? `"Summary ${random(1000)}"` : undefined)),
  image: postField('image', (random) => (random(2) ? `https://images.example.org/${random(100)}.jpg` : undefined)),
  imageAlt: postField('imageAlt', (random) => (random(2) ? `"A picture ${random(100)}"` : undefined)),
  draft: postField('draft', (random) => (random(2) ? 'true' : undefined)),
  sticky: postField('sticky', (random) => (random(3) ? 'true' : undefined)),
  guid: postField('guid', (random) => `"https://old.example.org/?p=${random(1000)}"`),
  slug: postField('slug', (random) => (random(2) ? `moved-${random(1000)}` : undefined)),
  comments: postField('comments', (random) => (random(2) ? `[{name: "Reader ${random(100)}", date: 2024-12-01, text: "Thanks."}]` : undefined)),
  redirects: postField('redirects', (random) => (random(2) ? `[/old/${random(100)}/]` : undefined)),
  body: async (site, random) => change(site, await somePost(site, random), (text) => `${text}\nAn added paragraph with ${'more words '.repeat(random(40))}here.\n`),
  opening: async (site, random) => change(site, await somePost(site, random), (text) => text.replace(/^(---\n[\s\S]*?\n---\n+)([^\n]+)/, `$1A rewritten opening ${random(1000)}.`)),
  newPost: async (site, random) =>
    save(site, `posts/2024-06-1${random(9)}-new-${random(10000)}.md`, `---\ntitle: "New ${random(100)}"\ntags: [Leadership, "Tag ${random(5)}"]\nauthor: tom\n---\n\nA new post.\n`),
  deletePost: async (site, random) => {
    const file = await somePost(site, random);
    await fs.rm(path.join(site, file));
    return [file];
  },
  renamePost: async (site, random) => {
    const file = await somePost(site, random);
    const to = `posts/2024-07-0${1 + random(8)}-renamed-${random(10000)}.md`;
    await fs.rename(path.join(site, file), path.join(site, to));
    return [file, to];
  },
  page: async (site, random) => change(site, 'pages/about.md', (text) => frontMatter(`${text}\nMore about us ${random(100)}.\n`, 'title', `"About ${random(100)}"`)),
  event: async (site, random) =>
    change(site, 'events/summer-summit.md', (text) => frontMatter(frontMatter(text, 'title', `"Summit ${random(100)}"`), 'start', random(2) ? '2024-06-12 09:30' : '2025-06-12 09:30')),
  authorsFile: async (site, random) => change(site, 'data/authors.yml', (text) => text.replace(/role: .*/, `role: Role ${random(1000)}`).replace(/name: Tom.*/, `name: Tom Renamed ${random(100)}`)),
  data: async (site, random) => save(site, 'data/extra.yml', `note: "Extra ${random(1000)}"\n`),
  config: async (site, random) =>
    change(site, 'sectorpress.config.json', (text) => {
      const config = JSON.parse(text) as Record<string, unknown>;
      const pick = random(3);
      if (pick === 0) config.title = `Borough ${random(100)}`;
      else if (pick === 1) config.perPage = 2 + random(3);
      else config.description = `Described ${random(100)}`;
      return JSON.stringify(config, null, 2);
    }),
  partial: async (site, random) => save(site, 'theme/partials/byline.hbs', `<p class="byline">{{#each post.authors}}{{name}} {{/each}}edit ${random(1000)}</p>\n`),
  static: async (site, random) => save(site, `static/notes-${random(3)}.txt`, `Notes ${random(1000)}\n`),
};
const KINDS = Object.keys(EDITS);

/** A seeded generator (Park–Miller), so a failing case replays. */
function seeded(seed: number): Random {
  let state = seed % 2147483646 || 1;
  return (below) => {
    state = (state * 16807) % 2147483647;
    return state % below;
  };
}

/** The in-memory output of the dev server, as bytes by path. */
async function devTree(server: DevServer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const [file, output] of server.output.snapshot()) files.set(file, 'copyFrom' in output ? await fs.readFile(output.copyFrom) : Buffer.from(output.contents));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function expectSame(actual: ReadonlyMap<string, Buffer>, expected: ReadonlyMap<string, Buffer>, when: string): void {
  expect([...actual.keys()].sort(), when).toEqual([...expected.keys()].sort());
  for (const [file, bytes] of expected) expect(actual.get(file)?.toString('utf8'), `${file} ${when}`).toBe(bytes.toString('utf8'));
}

/** Results of a rebuild source (watch() or the dev server) until every one of `files` has been seen changed. */
class Rebuilds {
  private readonly seen: RebuildResult[] = [];
  private wake: (() => void) | undefined;

  push(result: RebuildResult): void {
    this.seen.push(result);
    this.wake?.();
  }

  async covering(files: readonly string[], when: string): Promise<void> {
    const wanted = new Set(files);
    const deadline = Date.now() + 60_000;
    for (;;) {
      for (const result of this.seen.splice(0)) {
        expect(result.ok, `${when}: ${result.problems.map((problem) => problem.message).join('; ')}`).toBe(true);
        for (const file of result.changed) wanted.delete(file);
      }
      if (wanted.size === 0) return;
      if (Date.now() > deadline) throw new Error(`${when}: no rebuild for ${[...wanted].join(', ')}`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 500);
      });
    }
  }
}

const servers: DevServer[] = [];
const controllers: AbortController[] = [];
afterEach(async () => {
  for (const controller of controllers.splice(0)) controller.abort();
  for (const server of servers.splice(0)) await server.close();
});

describe('incremental output equals a clean build, whatever the theme shows', () => {
  it('after each random author edit: the warm build, watch() and the dev server', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(THEMES)),
        fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        async (theme, kinds, seed) => {
          const site = await copyFixture('blog-basic');
          for (const [file, text] of Object.entries(THEMES[theme] ?? {})) await save(site, `theme/${file}`, text);
          const work = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-parity-'));
          const options: BuildOptions = { root: site, now: NOW, workers: 0, config: { search: false } };
          const warmOut = path.join(work, 'warm');
          await build({ ...options, outDir: warmOut });

          const watched = new Rebuilds();
          const controller = new AbortController();
          controllers.push(controller);
          const watchOut = path.join(work, 'watch');
          const results = watch({ ...options, outDir: watchOut, signal: controller.signal, debounceMs: 50 });
          const iterator = results[Symbol.asyncIterator]();
          expect(((await iterator.next()).value as RebuildResult).ok).toBe(true);
          void (async () => {
            for (;;) {
              const next = await iterator.next().catch(() => ({ done: true, value: undefined }));
              if (next.done) return;
              watched.push(next.value as RebuildResult);
            }
          })();

          const served = new Rebuilds();
          const server = await createDevServer({ ...options, now: NOW, port: 0, debounceMs: 50, log: () => undefined, onRebuild: (result) => served.push(result) });
          servers.push(server);

          const random = seeded(seed);
          for (const [step, kind] of kinds.entries()) {
            const when = `theme ${theme}, step ${step} (${kind}), seed ${seed}`;
            const touched = await (EDITS[kind] as Edit)(site, random);
            const clean = path.join(work, `clean-${step}`);
            await build({ ...options, outDir: clean, cache: false });
            const expected = await readTree(clean);
            await build({ ...options, outDir: warmOut });
            expectSame(await readTree(warmOut), expected, `warm build, ${when}`);
            await watched.covering(touched, when);
            expectSame(await readTree(watchOut), expected, `watch(), ${when}`);
            await served.covering(touched, when);
            expectSame(await devTree(server), expected, `dev server, ${when}`);
          }
          controller.abort();
          await server.close();
          servers.splice(servers.indexOf(server), 1);
          await fs.rm(work, { recursive: true, force: true });
        },
      ),
      { numRuns: Number(process.env.PARITY_RUNS ?? 3), endOnFailure: true },
    );
  }, 600_000);
});

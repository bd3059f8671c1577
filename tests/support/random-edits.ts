/** A seeded series of random edits to a site's posts, for comparing rebuilds with clean builds. */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A seeded generator (Park–Miller): `random(below)` is in 0…below-1. */
export function seeded(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 16807) % 2147483647;
    return state % below;
  };
}

export type Edit = (file: string) => Promise<void>;

/**
 * Write `text` to `file` as editors do on save: a temporary file renamed into place, so a
 * watcher never reads it half-written (an in-place write may be seen truncated, which would
 * make a rebuild of a state the test never meant).
 */
async function saveFile(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.swp`);
  await fs.writeFile(temp, text);
  await fs.rename(temp, file);
}

/** Read `file`, change its text and save it (see `saveFile`). */
export async function rewriteFile(file: string, change: (text: string) => string): Promise<void> {
  await saveFile(file, change(await fs.readFile(file, 'utf8')));
}

/**
 * Edits of a post file `file` (some ignore it): body, title, tags, date, a new post, deletion,
 * the opening paragraph (the excerpt lists show), the summary, and toggling `draft`.
 * `postEdits[4]` (a new post) is the one to use when few posts are left.
 */
export function postEdits(site: string, random: (below: number) => number): Edit[] {
  const rewrite = rewriteFile;
  return [
    async (file) => rewrite(file, (text) => `${text}\nAn added paragraph ${random(1000)}.\n`),
    async (file) => rewrite(file, (text) => text.replace(/^title: (.*)$/m, `title: "Edited title ${random(1000)}"`)),
    async (file) => rewrite(file, (text) => text.replace(/^tags: .*$/m, `tags: ["Tag ${random(6)}", "Leadership"]`)),
    async (file) => rewrite(file, (text) => text.replace(/^date: .*$/m, `date: 2024-0${1 + random(9)}-1${random(9)}`)),
    async () => saveFile(path.join(site, 'posts', `2024-05-2${random(9)}-new-${random(10000)}.md`), `---\ntitle: "New ${random(100)}"\ntags: [Leadership]\nsummary: s\n---\n\nNew post.\n`),
    async (file) => fs.rm(file),
    // Body-only edits that change what lists show (the excerpt), and front-matter edits that change it back.
    async (file) => rewrite(file, (text) => text.replace(/^(---\n[\s\S]*?\n---\n+)([^\n]+)/, `$1A rewritten opening ${random(1000)}.`)),
    async (file) =>
      rewrite(file, (text) => {
        const summary = `summary: "Summary ${random(1000)}"`;
        return /^summary: .*$/m.test(text) ? text.replace(/^summary: .*$/m, summary) : text.replace(/^---\n/, `---\n${summary}\n`);
      }),
    async (file) => rewrite(file, (text) => (/^draft: true\n/m.test(text) ? text.replace(/^draft: true\n/m, '') : text.replace(/^---\n/, '---\ndraft: true\n'))),
  ];
}

/** The Markdown files in `site/posts`, sorted. */
export async function postFiles(site: string): Promise<string[]> {
  return (await fs.readdir(path.join(site, 'posts'))).filter((name) => name.endsWith('.md')).sort();
}

/** `sectorpress new post "Title"`: a dated Markdown file with front matter, ready to write in. */
import { newPostUsage } from './usage.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../config/load-config.js';
import { formatDate } from '../shared/dates.js';
import { contentFolder, NEW_POST_PLACEHOLDER } from '../shared/site-layout.js';
import { readData } from '../content/read-data.js';
import { unknownAuthorHint } from '../model/group-authors.js';
import { slugify } from '../shared/slug.js';
import { reportProblems, UsageError, type CliIo } from './cli-io.js';
import { parseFlags, stringFlag } from './parse-flags.js';

/** The text of a new post file: a draft, so a build publishes nothing until its author says so. */
export function newPostText(fields: { title: string; date: string; tags: string[]; author?: string }): string {
  const front: Record<string, unknown> = { title: fields.title, date: fields.date };
  if (fields.tags.length > 0) front.tags = fields.tags;
  if (fields.author) front.author = fields.author;
  front.summary = '';
  front.draft = true;
  return `---\n${stringify(front)}---\n\n${NEW_POST_PLACEHOLDER}\n`;
}

/** The author keys of the site's `data/authors.{yml,yaml,json}` (none when there is no such file). */
async function authorKeys(root: string): Promise<string[]> {
  for (const name of ['authors.yml', 'authors.yaml', 'authors.json']) {
    const file = path.join(root, 'data', name);
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const read = readData([{ kind: 'data', path: file, relativePath: `data/${name}`, digest: '', text }]);
    return [...read.value.authors.keys()];
  }
  return [];
}

export async function runNewPost(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      tags: { type: 'string' },
      author: { type: 'string' },
      dir: { type: 'string' },
      now: { type: 'string' },
      draft: { type: 'boolean' },
    },
    newPostUsage,
  );
  if (values.help) {
    io.out(newPostUsage);
    return 0;
  }
  const title = positionals.join(' ').trim();
  if (!title) throw new UsageError('Give the post a title: sectorpress new post "My title"', newPostUsage);
  const root = path.resolve(stringFlag(values.dir) ?? '.');
  const config = await loadConfig(root, {});
  if (config.problems.some((problem) => problem.severity === 'error')) {
    reportProblems(io, config.problems, { warnings: false });
    return 1;
  }
  const author = stringFlag(values.author);
  const known = author === undefined ? [] : await authorKeys(root);
  if (author !== undefined && !known.includes(author)) {
    io.err(`sectorpress: Unknown author "${author}": data/authors.yml has no such key.\n  → ${unknownAuthorHint(author, known)}`);
    return 1;
  }
  const now = new Date(stringFlag(values.now) ?? Date.now());
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now is not a date: ${String(values.now)}`, newPostUsage);
  const zone = { timezone: config.value.timezone, language: 'en-GB' };
  const day = formatDate(now, 'yyyy-MM-dd', zone);
  const slug = slugify(title) || 'post';
  const file = path.join(root, contentFolder('post'), `${day}-${slug}.md`);
  const tags = (stringFlag(values.tags) ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  const text = newPostText({ title, date: formatDate(now, "yyyy-MM-dd'T'HH:mm:ssZZ", zone), tags, author });
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    await fs.writeFile(file, text, { flag: 'wx' });
  } catch {
    io.err(`${path.relative(process.cwd(), file)} already exists; choose another title or edit that file.`);
    return 1;
  }
  io.out(
    `Wrote ${path.relative(process.cwd(), file)}, a draft: builds leave it out (\`build --drafts\` and \`dev --drafts\` show it).\n  Write the post in it, then delete its \`draft: true\` line to publish it.`,
  );
  return 0;
}

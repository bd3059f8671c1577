/** Find and read every source file of a site. The only content I/O. */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import type { Config } from '../config/types.js';
import { errorProblem, staged, warningProblem, type Problem, type Staged } from '../errors.js';
import { forEachLimited } from '../for-each-limited.js';
import type { SourceFile, SourceKind, SourceSet, StaticFile } from './types.js';

const READ_CONCURRENCY = 64;

const PATTERNS: ReadonlyArray<[SourceKind, string]> = [
  ['post', 'posts/**/*.md'],
  ['page', 'pages/**/*.md'],
  ['event', 'events/**/*.md'],
  ['data', 'data/*.{yml,yaml,json}'],
];

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Bytes → text, or why they are not a text file we can read. */
export function decodeSource(bytes: Uint8Array): { text: string } | { reason: string } {
  if (bytes.includes(0)) return { reason: 'it looks like a binary file (it contains NUL bytes)' };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { reason: 'it is not valid UTF-8 text' };
  }
  return { text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') };
}

async function insideRoot(root: string, file: string): Promise<boolean> {
  const real = await fs.realpath(file);
  const realRoot = await fs.realpath(root);
  const relative = path.relative(realRoot, real);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

async function readSource(root: string, relativePath: string, kind: SourceKind, problems: Problem[]): Promise<SourceFile | undefined> {
  const file = path.join(root, relativePath);
  try {
    if (!(await insideRoot(root, file))) {
      problems.push(warningProblem({ code: 'load/outside-site', message: 'Skipped: this is a link to a file outside the site folder.', hint: 'Copy the file into the site instead of linking to it.', file: relativePath }));
      return undefined;
    }
    const bytes = await fs.readFile(file);
    const decoded = decodeSource(bytes);
    if ('reason' in decoded) {
      problems.push(errorProblem({ code: 'load/not-text', message: `Cannot read this file: ${decoded.reason}.`, hint: 'Save it as UTF-8 text, or move it out of the content folders.', file: relativePath }));
      return undefined;
    }
    const digest = createHash('sha256').update(bytes).digest('hex');
    return { kind, path: file, relativePath, digest, text: decoded.text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    problems.push(errorProblem({ code: 'load/read', message: `Cannot read this file (${code}).`, hint: code === 'EACCES' ? 'Make the file readable (check its permissions).' : 'Check the file exists and is a regular file.', file: relativePath }));
    return undefined;
  }
}

async function findStatics(root: string): Promise<StaticFile[]> {
  const found = await fg('static/**/*', { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/.DS_Store', '**/Thumbs.db', '**/.git/**'] });
  return found.sort().map((relative) => ({ path: path.join(root, relative), outputPath: relative.slice('static/'.length) }));
}

/**
 * Read every post, page, event and data file (in a stable order) and list static files.
 * Unreadable, binary or non-UTF-8 files are errors naming the file.
 */
export async function loadContent(config: Config): Promise<Staged<SourceSet>> {
  const root = config.root;
  const problems: Problem[] = [];
  const buckets: Record<SourceKind, SourceFile[]> = { post: [], page: [], event: [], data: [] };
  for (const [kind, pattern] of PATTERNS) {
    const found = (await fg(pattern, { cwd: root, onlyFiles: true, followSymbolicLinks: false, dot: false })).sort();
    const read: (SourceFile | undefined)[] = new Array(found.length);
    await forEachLimited(found.map((relative, index) => ({ relative, index })), READ_CONCURRENCY, async ({ relative, index }) => {
      read[index] = await readSource(root, relative, kind, problems);
    });
    buckets[kind] = read.filter((file): file is SourceFile => file !== undefined);
  }
  if (!(await fs.stat(path.join(root, 'posts')).then((stat) => stat.isDirectory(), () => false))) {
    problems.push(warningProblem({ code: 'load/no-posts', message: 'This site has no posts/ folder, so the blog is empty.', hint: 'Create posts/ and add Markdown files, e.g. `sectorpress new post "Hello"`.' }));
  }
  const statics = await findStatics(root);
  return staged({ posts: buckets.post, pages: buckets.page, events: buckets.event, data: buckets.data, statics }, problems);
}

/** Test helpers: copy fixture sites to temp folders and read built output back. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export function fixturePath(name: string): string {
  return path.join(repoRoot, 'tests', 'fixtures', name);
}

/** A fresh copy of `tests/fixtures/<name>` in a temp folder (tests may edit it freely). */
export async function copyFixture(name: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `sp-${name}-`));
  await fs.cp(fixturePath(name), dir, { recursive: true });
  return dir;
}

/** Every file under `dir` → its bytes, keyed by posix relative path. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const result = new Map<string, Buffer>();
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    result.set(path.relative(dir, full).split(path.sep).join('/'), await fs.readFile(full));
  }
  return new Map([...result].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export async function readText(dir: string, file: string): Promise<string> {
  return fs.readFile(path.join(dir, file), 'utf8');
}

export async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** The hrefs of `<a>` and `<link>` elements carrying `rel="<rel>"` (attribute order independent). */
export function relHrefs(html: string, element: 'a' | 'link', rel: string): string[] {
  const tags = html.match(new RegExp(`<${element}\\b[^>]*>`, 'g')) ?? [];
  return tags.filter((tag) => new RegExp(`\\brel="([^"]*\\s)?${rel}(\\s[^"]*)?"`).test(tag)).map((tag) => /\bhref="([^"]*)"/.exec(tag)?.[1] ?? '');
}

/** Visible text of an HTML fragment, roughly: tags dropped, entities for quotes and ampersands decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_match, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_match, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** An imported entry as the text of its Markdown file: YAML front matter in the given order, then the body. */
import { stringify } from 'yaml';
import type { ImportedEntry } from './types.js';

/** Front matter without undefined values (YAML would write them as `null`). */
function defined(frontMatter: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(frontMatter).filter(([, value]) => value !== undefined));
}

/** YAML for data files and front matter: no line folding, so reruns and diffs stay stable. */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, minContentWidth: 0 });
}

/**
 * The file text of `entry`.
 *
 * @example
 * serialiseEntry({ frontMatter: { title: 'Hi' }, markdown: 'Body', … }); // '---\ntitle: Hi\n---\n\nBody\n'
 */
export function serialiseEntry(entry: Pick<ImportedEntry, 'frontMatter' | 'markdown'>): string {
  const body = entry.markdown.trim();
  return `---\n${toYaml(defined(entry.frontMatter))}---\n${body ? `\n${body}\n` : ''}`;
}

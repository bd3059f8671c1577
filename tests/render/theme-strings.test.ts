// Every visible word of the default theme comes from locales/en-GB.json, so a site can
// reword or translate the theme without editing a template.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/site-folder.js';

const themeDir = path.join(repoRoot, 'theme');
const templates = (await fg('**/*.hbs', { cwd: themeDir })).sort();

/** Words left once comments, mustaches, tags and entities are removed: text a reader would see. */
function literalText(source: string): string {
  return source
    .replace(/\{\{!--[\s\S]*?--~?\}\}/g, ' ')
    .replace(/\{\{\{?[\s\S]*?\}?\}\}/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/gi, ' ')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
}

/** Values of attributes a reader (or screen reader) meets that are written literally. */
function literalAttributes(source: string): string[] {
  const withoutMustaches = source.replace(/\{\{[\s\S]*?\}\}/g, '');
  return [...withoutMustaches.matchAll(/\b(alt|title|aria-label|placeholder|content)="([^"]*)"/g)]
    .map((match) => (match[2] ?? '').replace(/[^\p{L}]+/gu, ''))
    .filter((value) => value !== '' && !/^(width|device|initial|scale|summary|article|website|large|image|noindex)+$/i.test(value));
}

describe('the default theme text', () => {
  it('has templates to check', () => {
    expect(templates.length).toBeGreaterThan(20);
  });

  it.each(templates)('%s has no literal words outside the strings file', async (file) => {
    const source = await fs.readFile(path.join(themeDir, file), 'utf8');
    expect(literalText(source)).toBe('');
    expect(literalAttributes(source)).toEqual([]);
  });

  it('uses only keys that exist in locales/en-GB.json', async () => {
    const strings = JSON.parse(await fs.readFile(path.join(themeDir, 'locales', 'en-GB.json'), 'utf8')) as Record<string, string>;
    for (const file of templates) {
      const source = await fs.readFile(path.join(themeDir, file), 'utf8');
      for (const [, key] of source.matchAll(/\{\{t "([^"]+)"/g)) {
        expect(key! in strings || `${key}.other` in strings, `${file}: ${key}`).toBe(true);
      }
    }
  });
});

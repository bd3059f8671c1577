// Issue #14 "Done means" 4: theme strings can say what Welsh grammar needs. Plural forms are
// chosen by Intl.PluralRules for all six Welsh categories; Welsh dates come from Luxon/Intl `cy`;
// `theme check` names strings missing from any language file.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTheme } from '../../src/render/check-theme.js';
import { translate } from '../../src/render/helpers/string-helpers.js';
import { loadThemeStrings } from '../../src/render/theme-strings.js';
import { formatDate } from '../../src/shared/dates.js';
import type { Problem } from '../../src/shared/errors.js';
import { bundledThemeFolder } from '../../src/shared/package-root.js';

async function stringsOf(language: string) {
  const problems: Problem[] = [];
  const strings = await loadThemeStrings([bundledThemeFolder()], language, os.tmpdir(), problems);
  expect(problems).toEqual([]);
  return strings;
}

describe('Welsh plural forms', () => {
  // Welsh counts mutate the noun: dau gofnod (soft), tri chofnod and chwe chofnod (aspirate).
  it.each([
    [0, 'zero', 'dim cofnodion'],
    [1, 'one', '1 cofnod'],
    [2, 'two', '2 gofnod'],
    [3, 'few', '3 chofnod'],
    [6, 'many', '6 chofnod'],
    [4, 'other', '4 cofnod'],
    [11, 'other', '11 cofnod'],
  ])('%i posts (%s) reads "%s"', async (count, category, text) => {
    expect(new Intl.PluralRules('cy').select(count)).toBe(category);
    expect(translate(await stringsOf('cy'), 'tags.count', { count }, 'cy')).toBe(text);
  });

  it('reads minutes of reading with the soft mutation after two', async () => {
    const strings = await stringsOf('cy');
    expect(translate(strings, 'readingTime', { count: 2 }, 'cy')).toBe('2 funud o ddarllen');
    expect(translate(strings, 'readingTime', { count: 5 }, 'cy')).toBe('5 munud o ddarllen');
  });

  it('leaves English as it was: the flat one/other pair', async () => {
    const strings = await stringsOf('en-GB');
    expect(translate(strings, 'tags.count', { count: 1 })).toBe('1 post');
    expect(translate(strings, 'tags.count', { count: 0 })).toBe('0 posts');
  });

  it('fills named placeholders in whole sentences', async () => {
    expect(translate(await stringsOf('cy'), 'pagination.position', { page: 2, pages: 7 }, 'cy')).toBe('Tudalen 2 o 7');
  });
});

describe('Welsh dates', () => {
  it('formats the long date as "Dydd Llun, 9 Rhagfyr 2019"', () => {
    expect(formatDate(new Date('2019-12-09T10:00:00Z'), 'cccc, d LLLL yyyy', { timezone: 'Europe/London', language: 'cy' })).toBe('Dydd Llun, 9 Rhagfyr 2019');
    expect(formatDate(new Date('2025-01-13T09:00:00Z'), 'd LLLL yyyy', { timezone: 'Europe/London', language: 'cy' })).toBe('13 Ionawr 2025');
  });
});

describe('theme check and language files', () => {
  it('finds every string of the default theme in its Welsh file, with every Welsh plural form', async () => {
    const { problems } = await checkTheme(bundledThemeFolder());
    expect(problems.filter((problem) => problem.code === 'theme/missing-translation' || problem.code === 'theme/missing-plural')).toEqual([]);
  });

  it('reports a string missing from a fork’s language file, naming the key and the file, and a plural without the forms its language uses', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-locales-'));
    await fs.mkdir(path.join(dir, 'locales'));
    await fs.writeFile(path.join(dir, 'locales', 'en-GB.json'), JSON.stringify({ 'newsletter.heading': 'Our newsletter', 'members.count.one': '1 member', 'members.count.other': '{count} members' }));
    await fs.writeFile(path.join(dir, 'locales', 'cy.json'), JSON.stringify({ 'members.count': { one: '1 aelod', other: '{count} aelod' } }));
    await fs.writeFile(path.join(dir, 'locales', 'ga.json'), JSON.stringify({ 'newsletter.heading': 'Ár nuachtlitir', 'members.count': { one: '1 bhall', other: '{count} ball' } }));
    const { problems } = await checkTheme(dir);
    const missing = problems.filter((problem) => problem.code === 'theme/missing-translation');
    const inFile = (name: string): string[] => missing.filter((problem) => problem.file?.endsWith(`locales/${name}`)).map((problem) => problem.message);
    // Welsh: the fork's new key only (the bundled cy.json has every default string).
    expect(inFile('cy.json')).toEqual([expect.stringContaining('"newsletter.heading" is missing from locales/cy.json')]);
    // A language the bundled theme lacks misses every default string, and not the one it has.
    expect(inFile('ga.json')).toContainEqual(expect.stringContaining('"readMore" is missing from locales/ga.json'));
    expect(inFile('ga.json').some((message) => message.includes('newsletter.heading'))).toBe(false);
    const plural = problems.filter((problem) => problem.code === 'theme/missing-plural').map((problem) => problem.message);
    expect(plural).toEqual([
      expect.stringMatching(/"members\.count" in .*cy\.json has no "zero", "two", "few", "many" form/),
      expect.stringMatching(/"members\.count" in .*ga\.json has no "two", "few", "many" form/),
    ]);
  });
});

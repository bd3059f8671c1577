import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeSlug, slugify } from '../../src/shared/slug.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom("Children's services", 'Ofsted – ILACS', '--', 'ÆØÅ', '’', '  '),
);

// The rule (docs/content.md): runs of anything that is not a letter or digit become one hyphen;
// Latin letters in ASCII, other scripts and emoji kept, apostrophes dropped, `&` not spelled out.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: one code point at a time, as slug.ts tests them
const KEPT = /^[\p{L}\p{N}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0f]$/u;

describe('slugify', () => {
  it.each([
    ["children's services", 'childrens-services'],
    ['Children’s Services', 'childrens-services'],
    ['‘Quoted’ words', 'quoted-words'],
    ['Café Ofsted – ’24', 'cafe-ofsted-24'],
    ['Über große Straße', 'ueber-grosse-strasse'], // German convention: ü → ue
    ['SEND & inclusion', 'send-inclusion'],
    ['Café & wellbeing staff', 'cafe-wellbeing-staff'],
    ['Ŵyr ac ŷd â’r plant', 'wyr-ac-yd-ar-plant'],
    ['Gofal plant — Cymru', 'gofal-plant-cymru'],
    ['C++', 'c'],
    ['C#', 'c'],
    ['Health+care', 'health-care'],
    ['and/or', 'and-or'],
    ['cafe\u0301 (NFD)', 'cafe-nfd'],
    ['ﬁnance', 'finance'],
    ['Acme™ ©', 'acme'],
    ['中文', '中文'],
    ['𐞀 note', '𐞀-note'], // a Latin modifier letter with no ASCII form: kept, not dropped (found by the property below)
    ['日本語のタグ', '日本語のタグ'],
    ['🎉', '🎉'],
    ['Привет мир', 'привет-мир'],
    ['  --Leading and trailing--  ', 'leading-and-trailing'],
    ['a///b...c', 'a-b-c'],
    ['COVID-19 recovery', 'covid-19-recovery'],
    ['', ''],
    ['’’’', ''],
    ['+++', ''],
  ])('%j → %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('only ever yields lower-case words of letters, digits and emoji joined by single hyphens (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const slug = slugify(text);
        expect(slug).toMatch(/^(?:[^-]+(?:-[^-]+)*)?$/u);
        for (const char of slug.replace(/-/g, '')) expect(char).toMatch(KEPT);
        expect(slug.replace(/[^\x00-\x7f]/g, '')).toMatch(/^[a-z0-9-]*$/);
        expect(slug === '' || isSafeSlug(slug)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('never drops a whole name that has a letter or digit in it (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        if (/[\p{L}\p{N}]/u.test(text.replace(/['’‘`ʼ]/g, ''))) expect(slugify(text)).not.toBe('');
      }),
      { numRuns: RUNS },
    );
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = slugify(text);
        expect(slugify(once)).toBe(once);
      }),
      { numRuns: RUNS },
    );
  });

  it('treats straight and curly apostrophes alike (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), (left, right) => {
        expect(slugify(`${left}’${right}`)).toBe(slugify(`${left}'${right}`));
      }),
      { numRuns: RUNS },
    );
  });

  it('ignores case (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (text) => {
        expect(slugify(text.toUpperCase())).toBe(slugify(text.toLowerCase()));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('isSafeSlug', () => {
  it.each([
    ['our-plan', true],
    ['a', true],
    ['中文-news', true],
    ['', false],
    ['-a', false],
    ['a--b', false],
    ['A', false],
    ['..', false],
    ['a/b', false],
    ['a%2e', false],
    ['c++', false],
  ])('%j → %s', (slug, safe) => {
    expect(isSafeSlug(slug)).toBe(safe);
  });
});

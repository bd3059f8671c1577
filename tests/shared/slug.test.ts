import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeSlug, slugify } from '../../src/shared/slug.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom("Children's services", 'Ofsted – ILACS', '--', 'ÆØÅ', '’', '  '));

describe('slugify', () => {
  it.each([
    ["children's services", 'childrens-services'],
    ['Children’s Services', 'childrens-services'],
    ['‘Quoted’ words', 'quoted-words'],
    ['Café Ofsted – ’24', 'cafe-ofsted-24'],
    ['Über große Straße', 'ueber-grosse-strasse'], // German convention: ü → ue
    ['SEND & inclusion', 'send-and-inclusion'],
    ['  --Leading and trailing--  ', 'leading-and-trailing'],
    ['a///b...c', 'a-b-c'],
    ['COVID-19 recovery', 'covid-19-recovery'],
    ['', ''],
    ['’’’', ''],
  ])('%j → %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('only ever yields [a-z0-9] words joined by single hyphens (property)', () => {
    fc.assert(fc.property(anyText, (text) => {
      const slug = slugify(text);
      expect(slug).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
      expect(slug === '' || isSafeSlug(slug)).toBe(true);
    }), { numRuns: RUNS });
  });

  it('is idempotent (property)', () => {
    fc.assert(fc.property(anyText, (text) => {
      const once = slugify(text);
      expect(slugify(once)).toBe(once);
    }), { numRuns: RUNS });
  });

  it('treats straight and curly apostrophes alike (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), (left, right) => {
      expect(slugify(`${left}’${right}`)).toBe(slugify(`${left}'${right}`));
    }), { numRuns: RUNS });
  });

  it('ignores case (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (text) => {
      expect(slugify(text.toUpperCase())).toBe(slugify(text.toLowerCase()));
    }), { numRuns: RUNS });
  });
});

describe('isSafeSlug', () => {
  it.each([['our-plan', true], ['a', true], ['', false], ['-a', false], ['a--b', false], ['A', false], ['..', false], ['a/b', false], ['a%2e', false]])('%j → %s', (slug, safe) => {
    expect(isSafeSlug(slug)).toBe(safe);
  });
});

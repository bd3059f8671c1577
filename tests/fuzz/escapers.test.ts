// Every escaper, fuzzed: escape arbitrary text (any Unicode, controls, lone surrogates), parse
// the result back with a real parser, and compare with the original.
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeXml, stripInvalidXmlChars } from '../../src/feeds/escape-xml.js';
import { renderCalendar } from '../../src/feeds/render-calendar.js';
import type { Event, Site } from '../../src/model/types.js';
import { safeJson } from '../../src/render/json-ld.js';
import { checkUrlPath, outputPathForUrl } from '../../src/shared/permalink.js';
import { slugify } from '../../src/shared/slug.js';
import { countCase, FUZZ_RUNS, fuzzReport } from '../support/fuzz.js';

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(']]>', '</script>', '"><img onerror=x>', '&amp;', '\u0000\u0007\u001b', '\uD800', '\uDFFF'),
);
const parser = new XMLParser({ ignoreAttributes: false, trimValues: false, parseTagValue: false, parseAttributeValue: false, processEntities: true, htmlEntities: false });

afterAll(() => {
  console.log(`fuzz campaign (FUZZ_RUNS=${FUZZ_RUNS}):\n${fuzzReport()}`);
});

describe('escapers round-trip through real parsers', () => {
  it('XML text and attributes', () => {
    fc.assert(
      fc.property(text, (value) => {
        countCase('xml');
        const xml = `<t a="${escapeXml(value)}">${escapeXml(value)}</t>`;
        expect(XMLValidator.validate(xml)).toBe(true);
        const parsed = parser.parse(xml) as { t: string | { '#text'?: string; '@_a': string } };
        const expected = stripInvalidXmlChars(value).replace(/\r\n?/g, '\n');
        const node = typeof parsed.t === 'string' ? { '#text': parsed.t, '@_a': '' } : parsed.t;
        expect((node['#text'] ?? '').replace(/\r\n?/g, '\n')).toBe(expected);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('JSON inside a <script> element', () => {
    fc.assert(
      fc.property(fc.jsonValue(), text, (value, extra) => {
        countCase('json-ld');
        const json = safeJson({ value, extra });
        expect(json).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify({ value, extra })));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('HTML text (Handlebars escaping) never leaves markup characters', () => {
    fc.assert(
      fc.property(text, (value) => {
        countCase('html');
        const escaped = Handlebars.Utils.escapeExpression(value);
        expect(escaped).not.toMatch(/[<>"'`]/);
        const decoded = escaped.replace(/&(lt|gt|quot|#x27|#x60|#x3D|amp);/g, (_m, name: string) => ({ lt: '<', gt: '>', quot: '"', '#x27': "'", '#x60': '`', '#x3D': '=', amp: '&' })[name] ?? '');
        expect(decoded).toBe(value);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('iCalendar text: folded at 75 octets, escaped, and unchanged after unfolding', () => {
    const site = { now: new Date('2024-01-01T00:00:00Z') } as Site;
    fc.assert(
      fc.property(text, text, (title, location) => {
        countCase('icalendar');
        const event = { title, location, excerpt: '', start: new Date('2024-06-01T09:00:00Z'), end: undefined, absoluteUrl: 'https://x.example/e/' } as unknown as Event;
        const ics = renderCalendar([event], site, 'Events');
        for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
        const unfolded = ics.replace(/\r\n[ \t]/g, '');
        const value = (name: string): string | undefined => {
          const line = unfolded.split('\r\n').find((candidate) => candidate.startsWith(`${name}:`) || candidate.startsWith(`${name};`));
          return line?.slice(line.indexOf(':') + 1).replace(/\\([\\;,nN])/g, (_m, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
        };
        const clean = (input: string): string => stripInvalidXmlChars(input).replace(/\r\n?/g, '\n');
        expect(value('SUMMARY') ?? '').toBe(clean(title));
        if (clean(location) !== '') expect(value('LOCATION')).toBe(clean(location));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('paths', () => {
  it('slugs are always safe URL segments', () => {
    fc.assert(
      fc.property(text, (value) => {
        countCase('slug');
        const slug = slugify(value);
        // Letters of any script and emoji may stay (docs/content.md); URLs carry them percent-encoded.
        expect(slug).toMatch(/^([^-/.%\\\s]+(-[^-/.%\\\s]+)*)?$/u);
        if (slug !== '') expect(checkUrlPath(`/${encodeURIComponent(slug)}/`)).toBeUndefined();
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('accepted permalinks stay inside the output folder', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(text, fc.constantFrom('..', '%2e%2e', '.', '%5c', '%00')), { maxLength: 5 }), (segments) => {
        countCase('permalink');
        const url = `/${segments.join('/')}/`;
        if (checkUrlPath(url) !== undefined) return;
        const output = outputPathForUrl(url);
        expect(output.split('/')).not.toContain('..');
        expect(output.startsWith('/')).toBe(false);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOutputPath, checkUrlPath, checkUrlSegment, encodeUrlPath } from '../../src/shared/check-url-path.js';
import { resolveRequestPath } from '../../src/dev/serve-output.js';
import { unsafeOutputPath } from '../../src/output/check-output.js';
import { checkUrlPath as checkPermalinkPath, outputPathForUrl } from '../../src/shared/permalink.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

describe('the one URL-path rule', () => {
  it.each([
    ['/.htaccess', 'dotfile'],
    ['/.git/config', 'dotfile'],
    ['/.well-known/security.txt', 'dotfile'],
    ['/news/%2egit/', 'dotfile'],
    ['/a//b/', 'empty segment'],
    ['/../etc/', '`..`'],
    ['/a/%2e%2e/b/', '`..`'],
    ['/a/%252e%252e/b/', '`..`'],
    ['/a\\b/', 'backslash'],
    ['/a%5cb/', 'backslash'],
    ['/a\u0007b/', 'control character'],
    ['/a%0Ab/', 'control character'],
    ['/a%00b/', 'NUL'],
    ['/a%2Fb/', 'percent-encoded'],
    ['/caf%C3/', 'malformed'],
    ['https://evil.example/', 'scheme'],
    ['//evil.example/', 'protocol-relative'],
    [`/${'a'.repeat(256)}/`, '256 bytes'],
    [`/${'é'.repeat(128)}/`, '256 bytes'],
  ])('refuses %j (%s)', (url, reason) => {
    expect(checkUrlPath(url).error).toContain(reason);
  });

  it('lets `static/` files keep dot names such as .well-known/, and nothing else', () => {
    expect(checkUrlPath('/.well-known/security.txt', { dotSegments: true }).error).toBeUndefined();
    expect(checkOutputPath('.well-known/security.txt', { dotSegments: true }).error).toBeUndefined();
    expect(checkOutputPath('.well-known/security.txt').error).toContain('dotfile');
  });

  it('accepts ordinary paths, including non-Latin letters and a 255-byte segment', () => {
    for (const url of ['/', '/2024/07/childrens-services-update/', '/404.html', '/tag/%E4%B8%AD%E6%96%87/', '/news/caf%C3%A9/', `/${'a'.repeat(255)}/`]) {
      expect(checkUrlPath(url)).toEqual({ warnings: [] });
    }
  });

  it.each(['/con/', '/CON/', '/nul.txt', '/news/lpt1/', '/com9.html', '/aux.tar.gz/', '/what?/', '/trailing./'])('warns that %j breaks on Windows', (url) => {
    const verdict = checkUrlPath(encodeUrlPath(url));
    expect(verdict.error).toBeUndefined();
    expect(verdict.warnings.join(' ')).toMatch(/Windows/);
  });

  it('treats a slug as one segment', () => {
    expect(checkUrlSegment('our-plan')).toEqual({ warnings: [] });
    expect(checkUrlSegment('a/b').error).toContain('`/`');
    expect(checkUrlSegment('.env').error).toContain('dotfile');
  });

  it('percent-encodes what a URL path may not hold, and leaves escapes alone', () => {
    expect(encodeUrlPath('/news/our café "plan"/')).toBe('/news/our%20caf%C3%A9%20%22plan%22/');
    expect(encodeUrlPath('/news/caf%C3%A9/')).toBe('/news/caf%C3%A9/');
    expect(encodeUrlPath('/100%/')).toBe('/100%25/');
    expect(new URL(encodeUrlPath('/a b/é/"q"/?#/'), 'https://x.example').pathname).toBe(encodeUrlPath('/a b/é/"q"/?#/'));
  });

  it('is the same rule in front matter, the model, the output check and the dev server (property)', () => {
    const segment = fc.oneof(fc.constantFrom('..', '.', '.git', '.well-known', '%2e%2e', '\\', '%5c', '%00', 'a', 'b c', 'ü', 'con', ''), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        // As links carry them: `?` and `#` would start a query or fragment.
        const url = encodeUrlPath(`/${segments.join('/')}/`);
        const refused = checkUrlPath(url).error !== undefined;
        expect(checkPermalinkPath(url) !== undefined && !/unknown token/.test(checkPermalinkPath(url) ?? '')).toBe(refused);
        // The dev server serves static dotfiles (`.well-known/`), so it asks with that allowance.
        expect('status' in resolveRequestPath(url)).toBe(checkUrlPath(url, { dotSegments: true }).error !== undefined);
        if (!refused) expect(unsafeOutputPath(outputPathForUrl(url))).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
});

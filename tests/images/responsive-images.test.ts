// Images in posts, lead images and avatars get resized variants (WebP plus the original format),
// srcset/sizes and width/height; a warm build does no image work; missing files and missing
// alt text are reported where they are written.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { BuildFailedError, type Problem } from '../../src/shared/errors.js';
import { copyFixture, readTree } from '../support/site-folder.js';
import { imageSite, NOW, srcsetOf, writePhoto, writePost } from './image-site.js';

let site: string;
let cold: BuildResult;
let page: string;

beforeAll(async () => {
  site = await imageSite();
  cold = await build({ root: site, now: NOW });
  page = await fs.readFile(path.join(cold.outDir, '2024', '06', 'photos', 'index.html'), 'utf8');
}, 120_000);

/** Every output file → a digest of its bytes (comparing the bytes themselves element by element is slow). */
async function digests(dir: string): Promise<Record<string, string>> {
  const tree = await readTree(dir);
  return Object.fromEntries([...tree].map(([file, bytes]) => [file, createHash('sha1').update(bytes).digest('hex')]));
}

/** The `<img>` tags of the post's body (after the lead image figure). */
function bodyImages(html: string): string[] {
  const body = html.slice(html.indexOf('<div class="prose">'));
  return body.match(/<img\b[^>]*>/g) ?? [];
}

describe('a post with a large JPEG', () => {
  it('gets srcset and sizes, never wider than the original, and width/height on the img', () => {
    const [photo] = bodyImages(page);
    expect(photo).toContain('alt="Volunteers at the fun day"');
    expect(photo).toMatch(/ sizes="[^"]+"/);
    expect(photo).toMatch(/ width="\d+" height="\d+"/);
    const [, width, height] = / width="(\d+)" height="(\d+)"/.exec(photo ?? '') ?? [];
    // The aspect ratio of the 2400 × 1600 original, so nothing moves while it loads.
    expect(Number(width) / Number(height)).toBeCloseTo(1.5, 2);
    const jpegs = srcsetOf(page.slice(page.indexOf('<div class="prose">')), 'img');
    expect(jpegs.length).toBeGreaterThan(2);
    expect(Math.max(...jpegs.map((candidate) => candidate.width))).toBeLessThanOrEqual(2400);
    for (const candidate of jpegs) expect(candidate.url).toMatch(/\.jpg$/);
  });

  it('writes WebP variants smaller than the original, of the widths the srcset names', async () => {
    const webp = srcsetOf(page.slice(page.indexOf('<div class="prose">')), 'source');
    expect(page).toContain('<source type="image/webp"');
    const original = (await fs.stat(path.join(site, 'static', 'images', 'big.jpg'))).size;
    for (const candidate of webp) {
      const file = path.join(cold.outDir, candidate.url);
      expect((await fs.stat(file)).size).toBeLessThan(original);
      expect((await sharp(file).metadata()).width).toBe(candidate.width);
      expect((await sharp(file).metadata()).format).toBe('webp');
    }
  });

  it('loads body images lazily, and the lead image first', () => {
    for (const tag of bodyImages(page)) expect(tag).toMatch(/loading="lazy"[^>]*decoding="async"/);
    const lead = /<figure class="lead-image">[\s\S]*?<img\b[^>]*>/.exec(page)?.[0] ?? '';
    expect(lead).toContain('alt="Children planting trees"');
    expect(lead).not.toContain('loading="lazy"');
    expect(lead).toContain('fetchpriority="high"');
    expect(lead).toMatch(/ width="\d+" height="\d+"/);
  });

  it('keeps a raw <img> attributes and gives it its size too', () => {
    const chart = bodyImages(page).find((tag) => tag.includes('class="chart"')) ?? '';
    expect(chart).toContain('alt=""');
    expect(chart).toMatch(/ width="500" height="300"/);
  });

  it('shares a 1200 px variant of the lead image in Open Graph and JSON-LD', async () => {
    const og = /<meta property="og:image" content="([^"]+)">/.exec(page)?.[1] ?? '';
    expect(og).toMatch(/^https?:\/\/[^/]+\/_images\/.+-1200\.jpg$/);
    expect(page).toContain('<meta property="og:image:width" content="1200">');
    expect(page).toContain('<meta property="og:image:height" content="800">');
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1] ?? '{}') as { image?: { url: string; width: number } };
    expect(jsonLd.image?.url).toBe(og);
    expect(jsonLd.image?.width).toBe(1200);
    expect((await sharp(path.join(cold.outDir, new URL(og).pathname)).metadata()).width).toBe(1200);
  });

  it('did image work on the cold build, and none on a warm one, with the same output', async () => {
    expect(cold.counts.imagesMade).toBeGreaterThan(0);
    const before = await digests(cold.outDir);
    const warm = await build({ root: site, now: NOW });
    expect(warm.counts.imagesMade).toBe(0);
    expect(warm.counts.imagesCached).toBe(cold.counts.imagesMade);
    expect(await digests(warm.outDir)).toEqual(before);
  }, 180_000);

  it('renders the post again when the image file changes', async () => {
    const other = await imageSite();
    await build({ root: other, now: NOW });
    await writePhoto(path.join(other, 'static', 'images', 'big.jpg'), 1000, 1000);
    const after = await build({ root: other, now: NOW });
    expect(after.counts.imagesMade).toBeGreaterThan(0);
    const html = await fs.readFile(path.join(after.outDir, '2024', '06', 'photos', 'index.html'), 'utf8');
    expect(bodyImages(html)[0]).toMatch(/ width="1000" height="1000"/);
  }, 180_000);
});

async function failure(site: string): Promise<readonly Problem[]> {
  const error = await build({ root: site, now: NOW }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BuildFailedError);
  return (error as BuildFailedError).problems;
}

describe('problems with images', () => {
  it('reports a missing image file at its line and column in the post, and a missing lead image at its key', async () => {
    const broken = await copyFixture('cli-small');
    await writePost(broken, '2024-06-21-broken.md', 'image: /images/gone.jpg\nimageAlt: Gone\n', 'First paragraph.\n\nSee the chart: ![Spending chart](/images/nope.png)');
    const problems = await failure(broken);
    const body = problems.find((problem) => problem.code === 'image/missing' && problem.message.includes('/images/nope.png'));
    // Front matter is 5 lines, then a blank line; the image is on line 10, after "See the chart: ".
    expect(body).toMatchObject({ severity: 'error', file: 'posts/2024-06-21-broken.md', line: 10, column: 16 });
    expect(body?.hint).toContain('static/images/nope.png');
    const lead = problems.find((problem) => problem.code === 'image/missing' && problem.message.includes('/images/gone.jpg'));
    expect(lead).toMatchObject({ severity: 'error', file: 'posts/2024-06-21-broken.md', line: 4 });
  }, 180_000);

  it('warns about images without alt text, and not about alt=""', async () => {
    const plain = await copyFixture('cli-small');
    await writePhoto(path.join(plain, 'static', 'images', 'small.png'), 400, 200, 'png');
    await writePost(plain, '2024-06-22-alt.md', '', ['Intro.', '', '![](/images/small.png)', '', '<img src="/images/small.png">', '', '<img src="/images/small.png" alt="">'].join('\n'));
    const result = await build({ root: plain, now: NOW });
    const warnings = result.problems.filter((problem) => problem.code === 'image/no-alt');
    expect(warnings.map((problem) => [problem.severity, problem.file, problem.line])).toEqual([
      ['warning', 'posts/2024-06-22-alt.md', 8],
      ['warning', 'posts/2024-06-22-alt.md', 10],
    ]);
  }, 180_000);
});

describe('drafts and options', () => {
  it('does not let a draft missing its photo stop a build without drafts, and reports it with them', async () => {
    const drafty = await copyFixture('cli-small');
    await writePost(drafty, '2024-06-24-unfinished.md', 'draft: true\nimage: /images/later.jpg\nimageAlt: Later\n', 'Photo to follow: ![The team](/images/team.jpg)');
    const result = await build({ root: drafty, now: NOW });
    expect(result.problems.filter((problem) => problem.code.startsWith('image/'))).toEqual([]);
    const error = await build({ root: drafty, now: NOW, drafts: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuildFailedError);
    expect((error as BuildFailedError).problems.filter((problem) => problem.code === 'image/missing').map((problem) => problem.line)).toEqual([5, 9]);
  }, 180_000);

  it('finds an image whose name Markdown percent-encodes', async () => {
    const accented = await copyFixture('cli-small');
    await writePhoto(path.join(accented, 'static', 'images', 'café.png'), 400, 200, 'png');
    await writePost(accented, '2024-06-26-cafe.md', '', 'Intro.\n\n![The café](/images/café.png)');
    const result = await build({ root: accented, now: NOW });
    const html = await fs.readFile(path.join(result.outDir, '2024', '06', 'cafe', 'index.html'), 'utf8');
    expect(html.slice(html.indexOf('<div class="prose">'))).toMatch(/<img src="\/_images\/caf-[0-9a-f]{8}-400\.png"[^>]*width="400" height="200"/);
  }, 180_000);

  it('writes AVIF variants too with images: { avif: true }', async () => {
    const avif = await copyFixture('cli-small');
    await writePhoto(path.join(avif, 'static', 'images', 'small.png'), 500, 300, 'png');
    await writePost(avif, '2024-06-25-avif.md', '', 'Intro.\n\n![A small chart](/images/small.png)');
    const result = await build({ root: avif, now: NOW, config: { images: { avif: true } } });
    const html = await fs.readFile(path.join(result.outDir, '2024', '06', 'avif', 'index.html'), 'utf8');
    const body = html.slice(html.indexOf('<div class="prose">'));
    expect(body).toMatch(/<picture><source type="image\/avif" srcset="[^"]+" sizes="[^"]+"><source type="image\/webp"/);
    const [first] = srcsetOf(body, 'source');
    expect(first?.url).toMatch(/\.avif$/);
    expect((await sharp(path.join(result.outDir, first?.url ?? '')).metadata()).format).toBe('heif');
    // The PNG stays a PNG in the fallback <img>.
    expect(/<img src="([^"]+)"/.exec(body)?.[1]).toMatch(/\.png$/);
  }, 180_000);
});

describe('a site under a base path', () => {
  it('puts /blog/ in front of every variant, whether the body wrote the base path or not', async () => {
    const blog = await imageSite();
    await writePost(blog, '2024-06-23-with-base.md', '', 'Intro.\n\n![Volunteers](/blog/images/big.jpg)');
    const result = await build({ root: blog, now: NOW, baseUrl: 'https://council.example.org/blog' });
    for (const post of ['photos', 'with-base']) {
      const html = await fs.readFile(path.join(result.outDir, '2024', '06', post, 'index.html'), 'utf8');
      const body = html.slice(html.indexOf('<div class="prose">'));
      const candidates = [...srcsetOf(body, 'img'), ...srcsetOf(body, 'source')];
      expect(candidates.length).toBeGreaterThan(0);
      for (const candidate of candidates) expect(candidate.url).toMatch(/^\/blog\/_images\//);
      expect(/<img\b[^>]*\ssrc="([^"]+)"/.exec(body)?.[1]).toMatch(/^\/blog\/_images\//);
    }
  }, 180_000);
});

describe('a site without images', () => {
  it('builds byte for byte as with images: false, with no variant folder', async () => {
    const a = await copyFixture('cli-small');
    const b = await copyFixture('cli-small');
    const withImages = await build({ root: a, now: NOW });
    const without = await build({ root: b, now: NOW, config: { images: false } });
    const treeA = await digests(withImages.outDir);
    expect(Object.keys(treeA).some((file) => file.startsWith('_images/'))).toBe(false);
    expect(treeA).toEqual(await digests(without.outDir));
    expect(withImages.counts.imagesMade).toBe(0);
  }, 180_000);
});

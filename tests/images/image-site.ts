/** A small site with real images, written fresh for the image tests (photos generated with sharp, never copied). */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { copyFixture } from '../support/site-folder.js';

export const NOW = '2024-07-01T12:00:00Z';

/** A photo-like JPEG (blurred noise compresses like a phone picture, not like a flat colour). */
export async function writePhoto(file: string, width: number, height: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const image = sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 200 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).blur(1.5);
  await (format === 'jpeg' ? image.jpeg({ quality: 92 }) : image.png()).toFile(file);
}

/** A post file with front matter `extra` and `body`. */
export async function writePost(site: string, name: string, extra: string, body: string): Promise<void> {
  await fs.writeFile(path.join(site, 'posts', name), `---\ntitle: ${name.replace(/\.md$/, '')}\nsummary: s\n${extra}---\n\n${body}\n`);
}

/** The small fixture site plus a 2400 × 1600 photo, a small PNG and a post that shows them. */
export async function imageSite(): Promise<string> {
  const site = await copyFixture('cli-small');
  await writePhoto(path.join(site, 'static', 'images', 'big.jpg'), 2400, 1600);
  await writePhoto(path.join(site, 'static', 'images', 'small.png'), 500, 300, 'png');
  await writePost(
    site,
    '2024-06-20-photos.md',
    'image: /images/big.jpg\nimageAlt: Children planting trees\n',
    ['Some words first.', '', '![Volunteers at the fun day](/images/big.jpg)', '', 'A chart:', '', '<p><img src="/images/small.png" alt="" class="chart"></p>'].join('\n'),
  );
  return site;
}

/** `srcset` candidates of the first element of `tag` with a srcset in `html`. */
export function srcsetOf(html: string, tag: 'img' | 'source'): { url: string; width: number }[] {
  const value = new RegExp(`<${tag}\\b[^>]*\\ssrcset="([^"]+)"`).exec(html)?.[1] ?? '';
  return value.split(', ').map((candidate) => {
    const [url = '', width = ''] = candidate.split(' ');
    return { url, width: Number(width.replace('w', '')) };
  });
}

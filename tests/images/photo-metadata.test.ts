// Published photos carry no GPS, camera or author metadata: a phone-like JPEG with GPS EXIF, XMP and a
// P3 colour profile, shown as a lead image and in a body, and another left unlinked in static/, are built;
// every image file in the output is read back with sharp, and feed.json's image is one of them.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { copyFixture, readTree } from '../support/site-folder.js';
import { NOW, writePhoto, writePost } from './image-site.js';

const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jo Carer</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';
const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 1234/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3900/100' };

/** A 900 × 600 photo as a phone saves it: GPS and camera in EXIF, a name in XMP, a P3 profile, turned by EXIF orientation 6. */
async function writePhonePhoto(file: string, format: 'jpeg' | 'png'): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const pixels = sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 90, g: 140, b: 200 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
  const raw = await pixels.blur(1.5).png().toBuffer();
  const image = sharp(raw)
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: 'SpyCam', Model: 'Pocket X1' }, IFD3: GPS })
    .withXmp(XMP)
    .withIccProfile('p3');
  await (format === 'jpeg' ? image.jpeg({ quality: 92 }) : image.png()).toFile(file);
}

const IMAGE = /\.(?:jpe?g|png|webp|avif)$/i;
let site: string;
let cold: BuildResult;

beforeAll(async () => {
  site = await copyFixture('cli-small');
  await writePhonePhoto(path.join(site, 'static', 'images', 'fun-day.jpg'), 'jpeg');
  await writePhonePhoto(path.join(site, 'static', 'images', 'unlinked-event.png'), 'png');
  await writePhoto(path.join(site, 'static', 'images', 'plain.jpg'), 300, 200);
  await writePost(
    site,
    '2024-06-20-fun-day.md',
    'image: /images/fun-day.jpg\nimageAlt: Carers at the fun day\n',
    'At the fun day:\n\n![Carers at the fun day](/images/fun-day.jpg)\n\n[Full size](/images/fun-day.jpg)',
  );
  cold = await build({ root: site, now: NOW, workers: 0 });
}, 120_000);

describe('photos: what metadata is published', () => {
  it('the source photos really carry GPS, camera, XMP and orientation (else this test proves nothing)', async () => {
    for (const name of ['fun-day.jpg', 'unlinked-event.png']) {
      const meta = await sharp(path.join(site, 'static', 'images', name)).metadata();
      expect(meta.exif, name).toBeDefined();
      expect(meta.xmp, name).toBeDefined();
      expect(meta.orientation, name).toBe(6);
      const bytes = await fs.readFile(path.join(site, 'static', 'images', name));
      expect(bytes.includes('SpyCam'), name).toBe(true);
    }
  });

  it('publishes no image file with EXIF, GPS, XMP or IPTC: variants and originals, linked or not', async () => {
    const tree = await readTree(cold.outDir);
    const images = [...tree.keys()].filter((file) => IMAGE.test(file));
    expect(images).toEqual(expect.arrayContaining(['images/fun-day.jpg', 'images/unlinked-event.png', 'images/plain.jpg']));
    expect(images.filter((file) => file.startsWith('_images/')).length).toBeGreaterThanOrEqual(4);
    for (const file of images) {
      const meta = await sharp(path.join(cold.outDir, file)).metadata();
      expect(meta.exif, file).toBeUndefined();
      expect(meta.xmp, file).toBeUndefined();
      expect(meta.iptc, file).toBeUndefined();
      expect(meta.orientation ?? 1, file).toBe(1);
      const bytes = tree.get(file) as Buffer;
      // GPS tags live in EXIF (checked above); three letters could also turn up by chance in compressed noise.
      for (const secret of ['SpyCam', 'Pocket X1', 'Jo Carer']) expect(bytes.includes(secret), `${file} has ${secret}`).toBe(false);
    }
  });

  it('keeps the photo the right way up and its colour profile', async () => {
    for (const name of ['fun-day.jpg', 'unlinked-event.png']) {
      const meta = await sharp(path.join(cold.outDir, 'images', name)).metadata();
      // Orientation 6 turned the 900 × 600 pixels: shown 600 wide, 900 high.
      expect([meta.width, meta.height], name).toEqual([600, 900]);
      expect(meta.icc, name).toBeDefined();
    }
  });

  it('publishes an image without such metadata exactly as it is', async () => {
    const published = await fs.readFile(path.join(cold.outDir, 'images', 'plain.jpg'));
    expect(published.equals(await fs.readFile(path.join(site, 'static', 'images', 'plain.jpg')))).toBe(true);
  });

  it('links a stripped file from feed.json, og:image and the page', async () => {
    const feed = JSON.parse(await fs.readFile(path.join(cold.outDir, 'feed.json'), 'utf8')) as { items: { image?: string }[] };
    const linked = feed.items.map((item) => item.image).filter((image): image is string => image !== undefined);
    const page = await fs.readFile(path.join(cold.outDir, '2024', '06', 'fun-day', 'index.html'), 'utf8');
    const og = /<meta property="og:image" content="([^"]+)"/.exec(page)?.[1];
    expect(og).toBeDefined();
    const hrefs = [...page.matchAll(/(?:src|href)="([^"]+\.(?:jpe?g|png|webp))"/g)].map((match) => match[1] as string);
    expect(linked.length).toBe(1);
    for (const url of [...linked, og as string, ...hrefs]) {
      const file = path.join(cold.outDir, decodeURI(new URL(url, 'https://small.example.org/').pathname));
      expect((await sharp(file).metadata()).exif, url).toBeUndefined();
    }
  });

  it('strips once: a warm build does no image work, and a build from an empty cache writes the same bytes', async () => {
    const digests = async (): Promise<Record<string, string>> => Object.fromEntries([...(await readTree(cold.outDir))].map(([file, bytes]) => [file, createHash('sha1').update(bytes).digest('hex')]));
    const before = await digests();
    const warm = await build({ root: site, now: NOW, workers: 0 });
    expect(warm.counts.imagesMade).toBe(0);
    expect(await digests()).toEqual(before);
    // Stripped again from scratch, the bytes are the same: the build stays reproducible.
    await fs.rm(path.join(site, 'node_modules', '.cache', 'sectorpress', 'images'), { recursive: true, force: true });
    const again = await build({ root: site, now: NOW, workers: 0 });
    expect(again.counts.imagesMade).toBeGreaterThan(0);
    expect(await digests()).toEqual(before);
  }, 90_000);
});

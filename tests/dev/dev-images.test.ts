// The real dev server over a site with images: it serves the same image markup and variant files
// as build(), and neither its first build (the cache is warm) nor a rebuild does image work.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { createDevServer, type DevServer } from '../../src/dev/create-dev-server.js';
import type { RebuildResult } from '../../src/dev/dev-session.js';
import { imageSite, NOW, srcsetOf } from '../images/image-site.js';

let site: string;
let built: string;
let server: DevServer;
const rebuilds: RebuildResult[] = [];

/** The lead image and the body: what the images stage shapes. */
function imagePart(html: string): string {
  return html.slice(html.indexOf('<figure class="lead-image">'), html.indexOf('</div>', html.indexOf('<div class="prose">')));
}

beforeAll(async () => {
  site = await imageSite();
  const result = await build({ root: site, now: NOW });
  built = await fs.readFile(path.join(result.outDir, '2024', '06', 'photos', 'index.html'), 'utf8');
  server = await createDevServer({ root: site, port: 0, now: NOW, log: () => undefined, onRebuild: (rebuild) => rebuilds.push(rebuild) });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

async function waitFor(count: number): Promise<RebuildResult> {
  for (let tries = 0; rebuilds.length < count && tries < 600; tries += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  const last = rebuilds[count - 1];
  if (!last) throw new Error(`no rebuild ${count} after 30 s`);
  return last;
}

describe('the dev server with images', () => {
  it('serves the markup build() wrote, and the variant files', async () => {
    expect((await waitFor(1)).imagesMade).toBe(0);
    const response = await fetch(new URL('2024/06/photos/', server.url));
    const html = await response.text();
    expect(imagePart(html)).toContain('<picture>');
    expect(imagePart(html)).toBe(imagePart(built));
    const [variant] = srcsetOf(html.slice(html.indexOf('<div class="prose">')), 'source');
    const file = await fetch(new URL(variant?.url.slice(1) ?? '', server.url));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('image/webp');
  });

  it('rebuilds after an edit without image work, keeping the markup', async () => {
    const post = path.join(site, 'posts', '2024-06-20-photos.md');
    await fs.writeFile(post, `${await fs.readFile(post, 'utf8')}\nA sentence added in the dev server.\n`);
    const rebuild = await waitFor(2);
    expect(rebuild.ok).toBe(true);
    expect(rebuild.imagesMade).toBe(0);
    const html = await (await fetch(new URL('2024/06/photos/', server.url))).text();
    expect(html).toContain('A sentence added in the dev server.');
    expect(html).toContain('<source type="image/webp"');
  }, 180_000);
});

// The Nu Html Checker finds nothing wrong with a post page whose body, lead image and avatars
// carry the responsive markup (<picture>, srcset/sizes, width/height, loading, fetchpriority).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { vnuErrorsByFile } from '../support/vnu.js';
import { imageSite, NOW, writePhoto } from './image-site.js';

describe('a post page with images', () => {
  it('has no Nu Html Checker errors', async () => {
    const site = await imageSite();
    await writePhoto(path.join(site, 'static', 'images', 'sam.jpg'), 300, 300);
    await fs.writeFile(path.join(site, 'data', 'authors.yml'), 'sam:\n  name: Sam Patel\n  role: Director\n  avatar: /images/sam.jpg\n');
    const post = path.join(site, 'posts', '2024-06-20-photos.md');
    await fs.writeFile(post, (await fs.readFile(post, 'utf8')).replace('summary: s\n', 'summary: s\nauthor: sam\n'));
    const result = await build({ root: site, now: NOW });
    const folder = path.join(result.outDir, '2024', '06', 'photos');
    const html = await fs.readFile(path.join(folder, 'index.html'), 'utf8');
    expect(html).toMatch(/<img class="avatar" src="\/_images\/sam-[0-9a-f]{8}-\d+\.jpg" srcset="/);
    expect(html.match(/<picture>/g)?.length).toBeGreaterThanOrEqual(3);
    expect(Object.fromEntries(await vnuErrorsByFile(folder))).toEqual({});
  }, 120_000);
});

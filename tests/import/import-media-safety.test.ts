// Issue #26 finding 5: `--media DIR` never follows a symbolic link (a link to a file outside, or a folder
// link, in the uploads copy), and a media file the user edited since the last import (say, blurred for
// safeguarding) is kept on a re-import like an edited post, reported, and replaced only with --force.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshSitePath } from '../support/import-site.js';
import { runCliCaptured } from '../support/run-cli.js';
import { readTree } from '../support/site-folder.js';
import { WXR_SITE, writeExport } from '../support/wxr-export.js';

const UPLOADS = `${WXR_SITE}/wp-content/uploads`;
const PHOTO = 'static/images/uploads/2019/05/photo.jpg';

/** Bytes that stand for an image (the importer copies files; it does not decode them). */
const image = (label: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(label), Buffer.from([0xff, 0xd9])]);

async function mediaFolder(): Promise<{ uploads: string; outside: string }> {
  const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-outside-'));
  await fs.writeFile(path.join(outside, 'passwd'), 'root:x:0:0:SECRET-OUTSIDE\n');
  await fs.writeFile(path.join(outside, 'pic.jpg'), 'SECRET-OUTSIDE-FOLDER');
  const uploads = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-uploads-'));
  await fs.mkdir(path.join(uploads, '2019', '05'), { recursive: true });
  await fs.writeFile(path.join(uploads, '2019', '05', 'photo.jpg'), image('original'));
  await fs.symlink(path.join(outside, 'passwd'), path.join(uploads, '2019', '05', 'passwd.jpg'));
  await fs.symlink(outside, path.join(uploads, '2019', '06'));
  return { uploads, outside };
}

const exportFile = (): Promise<string> =>
  writeExport([
    {
      id: 1,
      title: 'Open day',
      slug: 'open-day',
      content: `<p><img src="${UPLOADS}/2019/05/photo.jpg" alt="The hall"></p><p><img src="${UPLOADS}/2019/05/passwd.jpg" alt="x"> <img src="${UPLOADS}/2019/06/pic.jpg" alt="y"></p>`,
    },
  ]);

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('import wordpress --media', () => {
  it('never copies through a symbolic link in the media folder, and says so', async () => {
    const { uploads } = await mediaFolder();
    const site = await freshSitePath();
    const run = await runCliCaptured(['import', 'wordpress', await exportFile(), '--out', site, '--media', uploads]);
    expect(run.code).toBe(0);
    const files = await readTree(site);
    expect([...files.keys()].filter((name) => name.startsWith('static/'))).toEqual([PHOTO]);
    for (const [name, bytes] of files) expect(bytes.toString('latin1'), name).not.toContain('SECRET-OUTSIDE');
    const report = files.get('import-report.md')?.toString() ?? '';
    expect(report).toContain('passwd.jpg in the media folder is a symbolic link');
    expect(report).toContain('2019/06 in the media folder is a symbolic link');
  });

  it('keeps a media file the user edited on a re-import, reports it, and --force replaces it', async () => {
    const { uploads } = await mediaFolder();
    const site = await freshSitePath();
    const args = ['import', 'wordpress', await exportFile(), '--out', site, '--media', uploads];
    expect((await runCliCaptured(args)).code).toBe(0);
    const manifest = JSON.parse(await fs.readFile(path.join(site, '.sectorpress-import.json'), 'utf8')) as { files: Record<string, string> };
    expect(manifest.files[PHOTO]).toBe(sha256(image('original')));

    // Blurred by the editor; meanwhile the old site's copy changed too (so a re-import has something to write).
    await fs.writeFile(path.join(site, PHOTO), image('blurred by the editor'));
    await fs.writeFile(path.join(uploads, '2019', '05', 'photo.jpg'), image('a new original, longer than before'));
    const again = await runCliCaptured(args);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Kept 1 file');
    expect((await fs.readFile(path.join(site, PHOTO))).equals(image('blurred by the editor'))).toBe(true);
    expect(await fs.readFile(path.join(site, 'import-report.md'), 'utf8')).toContain(`\`${PHOTO}\``);

    expect((await runCliCaptured([...args, '--force'])).code).toBe(0);
    expect((await fs.readFile(path.join(site, PHOTO))).equals(image('a new original, longer than before'))).toBe(true);
  });

  it('updates a media file the user did not edit when the old site’s copy changed', async () => {
    const { uploads } = await mediaFolder();
    const site = await freshSitePath();
    const args = ['import', 'wordpress', await exportFile(), '--out', site, '--media', uploads];
    expect((await runCliCaptured(args)).code).toBe(0);
    await fs.writeFile(path.join(uploads, '2019', '05', 'photo.jpg'), image('re-exported'));
    const again = await runCliCaptured(args);
    expect(again.stdout).not.toContain('Kept');
    expect((await fs.readFile(path.join(site, PHOTO))).equals(image('re-exported'))).toBe(true);
  });

  it('keeps an edited media file on a re-import of a feed too', async () => {
    const { uploads } = await mediaFolder();
    const feed = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-feed-')), 'feed.xml');
    await fs.writeFile(
      feed,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>${WXR_SITE}/</link><item><title>Open day</title><link>${WXR_SITE}/open-day/</link><pubDate>Wed, 04 Mar 2020 10:00:00 GMT</pubDate><description><![CDATA[<p><img src="${UPLOADS}/2019/05/photo.jpg" alt="The hall"></p>]]></description></item></channel></rss>`,
    );
    const site = await freshSitePath();
    const args = ['import', 'feed', feed, '--out', site, '--media', uploads];
    expect((await runCliCaptured(args)).code).toBe(0);
    expect((await fs.readFile(path.join(site, PHOTO))).equals(image('original'))).toBe(true);
    await fs.writeFile(path.join(site, PHOTO), image('blurred by the editor'));
    await fs.writeFile(path.join(uploads, '2019', '05', 'photo.jpg'), image('a new original, longer than before'));
    const again = await runCliCaptured(args);
    expect(again.stdout).toContain('Kept 1 file');
    expect((await fs.readFile(path.join(site, PHOTO))).equals(image('blurred by the editor'))).toBe(true);
  });
});

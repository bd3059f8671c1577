// Issue #26 finding 4: images and files that only unpublished posts use (draft, pending, private,
// scheduled, password-protected) are not copied into static/ (where they would be published); the report
// lists them under their posts. A file a published post also uses is copied. The comments of a
// password-protected post are not imported.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImported, freshSitePath } from '../support/import-site.js';
import { runCliCaptured } from '../support/run-cli.js';
import { readTree } from '../support/site-folder.js';
import { WXR_SITE, writeExport } from '../support/wxr-export.js';

const UPLOADS = `${WXR_SITE}/wp-content/uploads/2021/02`;
const FILES = ['public.jpg', 'shared.jpg', 'draft.jpg', 'pending.pdf', 'private.jpg', 'future.jpg', 'password.jpg'];
const img = (name: string): string => `<p><img src="${UPLOADS}/${name}" alt="${name}"></p>`;

describe('import wordpress --media of an export with unpublished posts', () => {
  it('copies only what published posts use, lists the rest, and keeps no comments of a password-protected post', async () => {
    const uploads = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-uploads-'));
    await fs.mkdir(path.join(uploads, '2021', '02'), { recursive: true });
    for (const name of FILES) await fs.writeFile(path.join(uploads, '2021', '02', name), `bytes of ${name}`);
    const file = await writeExport([
      { id: 1, title: 'Published', slug: 'published', content: img('public.jpg') + img('shared.jpg') },
      { id: 2, title: 'Draft', slug: 'draft', status: 'draft', content: img('draft.jpg') + img('shared.jpg') },
      { id: 3, title: 'Pending', slug: 'pending', status: 'pending', content: `<p><a href="${UPLOADS}/pending.pdf">Minutes</a></p>` },
      { id: 4, title: 'Private', slug: 'private', status: 'private', content: img('private.jpg') },
      { id: 5, title: 'Scheduled', slug: 'scheduled', status: 'future', content: img('future.jpg') },
      {
        id: 6,
        title: 'Protected',
        slug: 'protected',
        password: 'letmein',
        content: '<p>Hidden.</p>',
        meta: { _thumbnail_id: '60' },
        comments: [['Reader', 'PROTECTED-COMMENT-TEXT']],
      },
      { id: 60, type: 'attachment', status: 'inherit', title: 'password', parent: 6, attachmentUrl: `${UPLOADS}/password.jpg` },
    ]);
    const site = await freshSitePath();
    const run = await runCliCaptured(['import', 'wordpress', file, '--out', site, '--media', uploads, '--comments']);
    expect(run.code).toBe(0);
    const tree = await readTree(site);
    expect([...tree.keys()].filter((name) => name.startsWith('static/')).sort()).toEqual(['static/images/uploads/2021/02/public.jpg', 'static/images/uploads/2021/02/shared.jpg']);
    for (const [name, bytes] of tree) expect(bytes.toString(), name).not.toContain('PROTECTED-COMMENT-TEXT');

    const report = tree.get('import-report.md')?.toString() ?? '';
    expect(report).toContain('| media left out (used only by unpublished posts) | 5 |');
    for (const [post, name] of [
      ['post 2 “Draft”', 'draft.jpg'],
      ['post 3 “Pending”', 'pending.pdf'],
      ['post 4 “Private”', 'private.jpg'],
      ['post 5 “Scheduled”', 'future.jpg'],
      ['post 6 “Protected”', 'password.jpg'],
    ]) {
      const section = report.slice(report.indexOf(`### ${post}`));
      expect(section.slice(0, section.indexOf('\n###') < 0 ? undefined : section.indexOf('\n###', 4)), post).toContain(`${UPLOADS}/${name}`);
    }
    expect(report).not.toMatch(/not copied or downloaded[^\n]*shared\.jpg/);

    const built = await buildImported(site);
    expect(built.code).toBe(0);
    const output = [...(await readTree(path.join(site, '_site'))).keys()];
    for (const name of FILES.slice(2))
      expect(
        output.some((each) => each.endsWith(name)),
        name,
      ).toBe(false);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { convertPostHtml } from '../../src/import/convert-post-html.js';
import { createProcessors } from '../../src/markdown/create-processor.js';
import { renderMarkdown } from '../../src/markdown/render-markdown.js';
import { vnuErrorsByFile } from '../support/vnu.js';

const SITE = 'https://blog.council.example';
const UPLOADS = `${SITE}/wp-content/uploads/2015/06`;

/** An old classic-editor post, with the presentational markup such posts carry. */
const OLD_POST = [
  '<center><font face="Arial" size="2">Our summer programme</font></center>',
  '',
  `[caption id="attachment_3" align="alignleft" width="300"]<a href="${UPLOADS}/fair.jpg"><img class="size-medium wp-image-3" src="${UPLOADS}/fair-300x225.jpg" alt="The summer fair" width="300" height="225" border="0" align="left" hspace="5" /></a> The summer fair[/caption]`,
  '',
  '<iframe src="https://maps.example/embed?id=7" width="600" height="450" frameborder="0" scrolling="no" marginheight="0" marginwidth="0" style="border:0" allowfullscreen webkitallowfullscreen mozallowfullscreen title="Map of the fair"></iframe>',
  '',
  '<table border="1" cellpadding="4" cellspacing="0" width="100%" summary="Opening times">',
  '<tr><th align="left" width="50%">Day</th><th valign="top">Hours</th></tr>',
  '<tr><td colspan="2" bgcolor="#eeeeee" nowrap><font color="red">Closed on bank holidays</font></td></tr>',
  '</table>',
  '',
  'Attendance doubled.<sup><a href="#fn1" id="r1">1</a></sup>',
  '',
  'https://www.youtube.com/watch?v=fair2015',
  '',
  '[gallery ids="4"]',
  '',
  '<ol class="footnotes"><li id="fn1">Gate counts, 2015. <a href="#r1">↩</a></li></ol>',
].join('\n');

it('an old post, converted and built, has no Nu Html Checker errors', async () => {
  const attachments = new Map([['4', { url: `${UPLOADS}/stall.jpg`, alt: 'A cake stall', caption: 'Cakes by the WI' }]]);
  const { markdown } = convertPostHtml(OLD_POST, { classic: true, siteUrl: SITE }, attachments);
  const body = (await renderMarkdown(createProcessors(), markdown)).html;
  const folder = await mkdtemp(path.join(tmpdir(), 'sectorpress-convert-vnu-'));
  try {
    await writeFile(path.join(folder, 'post.html'), `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>Summer</title></head><body><main>${body}</main></body></html>\n`);
    expect(Object.fromEntries(await vnuErrorsByFile(folder))).toEqual({});
    expect(body).toContain('colspan="2"');
    expect(body).toContain('<iframe src="https://maps.example/embed?id=7" width="600" height="450"');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}, 180_000);

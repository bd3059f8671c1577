// Exports in the encoding they declare: an ISO-8859-1 or windows-1252 export (written here as those bytes)
// imports with its accented letters and pound signs, a declared encoding that cannot be read is a located
// error, and bytes that are not UTF-8 in a file that says UTF-8 are a located warning in the report.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImported, freshSitePath } from '../support/import-site.js';
import { runCliCaptured } from '../support/run-cli.js';
import { readText } from '../support/site-folder.js';
import { wxrExport } from '../support/wxr-export.js';

/** A one-post WXR 1.2 export with `title` and `body`, declaring `encoding`. */
function exportText(encoding: string, title: string, body: string): string {
  const site = 'http://hall.example.org';
  return wxrExport([{ id: 7, title, content: body, slug: 'cafe-opens', date: '2012-03-04 10:00:00', link: `${site}/2012/03/cafe-opens/` }], { site, encoding });
}

async function writeExport(bytes: Buffer): Promise<string> {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-wxr-encoding-')), 'export.xml');
  await fs.writeFile(file, bytes);
  return file;
}

async function importExport(file: string): Promise<{ site: string; run: Awaited<ReturnType<typeof runCliCaptured>> }> {
  const site = await freshSitePath();
  return { site, run: await runCliCaptured(['import', 'wordpress', file, '--out', site]) };
}

describe('import wordpress: the export’s declared encoding', () => {
  it('reads an ISO-8859-1 export as ISO-8859-1: café and £ in the title and body survive to the built page', async () => {
    const text = exportText('ISO-8859-1', 'Café opens: teas £1', '<p>The café in the hall sells tea for £1.</p>');
    const bytes = Buffer.from(text, 'latin1');
    // The bytes really are Latin-1: é is one byte (0xE9), not UTF-8's two.
    expect(bytes.includes(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe(true);
    const { site, run } = await importExport(await writeExport(bytes));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const post = await readText(site, path.join('posts', '2012-03-04-cafe-opens.md'));
    expect(post).toContain('title: "Café opens: teas £1"');
    expect(post).toContain('The café in the hall sells tea for £1.');
    expect(post).not.toContain('\ufffd');
    expect(await readText(site, path.join('import-report.md'))).not.toContain('not UTF-8');
    expect((await buildImported(site)).code).toBe(0);
    const page = await readText(site, path.join('_site', '2012', '03', 'cafe-opens', 'index.html'));
    expect(page).toContain('Café opens: teas £1');
    expect(page).toContain('The café in the hall sells tea for £1.');
  });

  it('reads a windows-1252 export’s curly quotes and euro sign', async () => {
    const text = exportText('windows-1252', '{lq}Café{rq} prices', '<p>Tea is {euro}2 at the café.</p>');
    // ‘ ’ and € are 0x91, 0x92 and 0x80 in windows-1252 (C1 controls in ISO-8859-1).
    const bytesOf: Record<string, number> = { '{lq}': 0x91, '{rq}': 0x92, '{euro}': 0x80 };
    const parts = text.split(/(\{lq\}|\{rq\}|\{euro\})/);
    const bytes = Buffer.concat(parts.map((part) => (part in bytesOf ? Buffer.from([bytesOf[part] as number]) : Buffer.from(part, 'latin1'))));
    const { site, run } = await importExport(await writeExport(bytes));
    expect(run.code).toBe(0);
    const post = await readText(site, path.join('posts', '2012-03-04-cafe-opens.md'));
    expect(post).toContain('‘Café’ prices');
    expect(post).toContain('Tea is €2 at the café.');
  });

  it('refuses an encoding it cannot read, naming the file, the place and the encoding, and writes nothing', async () => {
    const file = await writeExport(Buffer.from(exportText('x-mac-klingon', 'Hello', '<p>Hi</p>'), 'latin1'));
    const { site, run } = await importExport(file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('export.xml:1:21 error: ');
    expect(run.stderr).toContain('export.xml');
    expect(run.stderr).toContain('“x-mac-klingon”, which sectorpress cannot read');
    expect(run.stderr).toContain('iconv -f x-mac-klingon -t UTF-8');
    expect(run.stderr).toContain('Nothing was written.');
    await expect(fs.access(site)).rejects.toThrow();
  });

  it('warns at path:line:col where a file that says UTF-8 has bytes that are not UTF-8', async () => {
    const text = exportText('UTF-8', 'Café opens', '<p>Tea is cheap.</p>\n<p>The caf_E in the hall.</p>');
    const [before, after] = text.split('_E') as [string, string];
    const bytes = Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from([0xe9]), Buffer.from(after, 'utf8')]);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    const file = await writeExport(bytes);
    const { site, run } = await importExport(file);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 warning');
    const report = await readText(site, path.join('import-report.md'));
    expect(report).toContain(`export.xml:${line}:${column}`);
    expect(report).toContain('not UTF-8, though the export says it is UTF-8');
    // The good UTF-8 around it is read as before.
    const post = await readText(site, path.join('posts', '2012-03-04-cafe-opens.md'));
    expect(post).toContain('title: Café opens\n');
    expect(post).toContain('The caf\ufffd in the hall.');
  });
});

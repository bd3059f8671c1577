import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileStamp, type Manifest } from '../../src/shared/output-manifest.js';
import { surveyOutput, walkFolder } from '../../src/shared/output-survey.js';

/** An output folder of `count` pages, each in its own folder, and a manifest of them all as written. */
async function output(count: number): Promise<{ outDir: string; manifest: Manifest }> {
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-survey-'));
  const manifest: Manifest = {};
  for (let at = 0; at < count; at += 1) {
    const file = `2024/0${(at % 9) + 1}/post-${at}/index.html`;
    await fs.mkdir(path.join(outDir, path.dirname(file)), { recursive: true });
    await fs.writeFile(path.join(outDir, file), `<p>${at}</p>`);
    manifest[file] = { hash: `h${at}`, stamp: fileStamp(await fs.lstat(path.join(outDir, file))) };
  }
  return { outDir, manifest };
}

describe('the survey of the previous output', () => {
  it('lists every file and folder, and the files still as the manifest says they were written', async () => {
    const { outDir, manifest } = await output(30);
    await fs.writeFile(path.join(outDir, 'stray.txt'), 'not ours');
    // One page edited by hand (another size, so another stamp), one removed, one replaced by a folder.
    await fs.appendFile(path.join(outDir, '2024/01/post-0/index.html'), 'edited');
    await fs.rm(path.join(outDir, '2024/02/post-1/index.html'));
    await fs.rm(path.join(outDir, '2024/03/post-2/index.html'));
    await fs.mkdir(path.join(outDir, '2024/03/post-2/index.html'));

    const survey = await surveyOutput(outDir, manifest);
    const walked = await walkFolder(outDir);
    expect([...(survey?.files ?? [])].sort()).toEqual([...walked.files].sort());
    expect([...(survey?.folders ?? [])].sort()).toEqual([...walked.folders].sort());
    expect(survey?.files).toContain('stray.txt');
    expect(survey?.folders).toContain('2024/03/post-2/index.html');
    const changed = ['2024/01/post-0/index.html', '2024/02/post-1/index.html', '2024/03/post-2/index.html'];
    expect([...(survey?.untouched ?? [])].sort()).toEqual(
      Object.keys(manifest)
        .filter((file) => !changed.includes(file))
        .sort(),
    );
  });

  it('finds nothing to keep when the folder is missing or is a file', async () => {
    const { outDir, manifest } = await output(2);
    expect(await surveyOutput(path.join(outDir, 'missing'), manifest)).toBeUndefined();
    expect(await surveyOutput(path.join(outDir, '2024/01/post-0/index.html'), manifest)).toBeUndefined();
  });
});

/** What the previous build wrote (path → content fingerprint), kept outside the output folder. */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export type Manifest = Record<string, string>;

export async function readManifest(file: string): Promise<Manifest> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Manifest) : {};
  } catch {
    return {};
  }
}

/** Best effort: a missing manifest (or page record) only means the next build rewrites every file. */
export async function writeManifest(file: string, manifest: Manifest | object): Promise<void> {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(temp, JSON.stringify(manifest));
    await fs.rename(temp, file);
  } catch {
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}

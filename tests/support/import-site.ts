/** Import a WXR fixture into a fresh temp site folder with the real CLI, and build it. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCliCaptured, type CliRun } from './run-cli.js';
import { fixturePath } from './site-folder.js';

const IMPORT_NOW = '2026-11-22T12:00:00Z';

/** A temp folder that does not exist yet (the importer creates it). */
export async function freshSitePath(name = 'site'): Promise<string> {
  return path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-import-')), name);
}

/** `sectorpress import wordpress tests/fixtures/<fixture>/export.xml --out <site> …flags`. */
export function importFixture(fixture: string, site: string, flags: readonly string[] = []): Promise<CliRun> {
  return runCliCaptured(['import', 'wordpress', path.join(fixturePath(fixture), 'export.xml'), '--out', site, ...flags]);
}

/** `sectorpress build <site> --out <site>/_site` with a fixed clock. */
export function buildImported(site: string): Promise<CliRun> {
  return runCliCaptured(['build', site, '--now', IMPORT_NOW, '--quiet']);
}

/**
 * An unreadable file, as a user meets one. Root reads any file whatever its mode, and CI runs as
 * root, so the reader runs in a child process that is an ordinary user: `nobody` when the tests
 * run as root, else the user running them. The site folder is handed to that user first.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './site-folder.js';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

export interface ChildRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Give every entry under `root` to `nobody`, and let it pass through the folders above (which it cannot list). */
async function handOver(root: string): Promise<void> {
  for (const entry of await fs.readdir(root, { recursive: true })) await fs.lchown(path.join(root, entry), NOBODY, NOBODY);
  await fs.lchown(root, NOBODY, NOBODY);
  for (let folder = path.dirname(root); folder !== path.dirname(folder); folder = path.dirname(folder)) {
    const { mode } = await fs.stat(folder);
    if ((mode & 0o001) === 0) await fs.chmod(folder, mode | 0o001);
  }
}

/** Make `file` (inside the site folder `root`) unreadable to the reader `runAsReader` starts. */
export async function makeUnreadable(root: string, file: string): Promise<void> {
  if (asRoot) await handOver(root);
  await fs.chmod(file, 0o000);
}

/** Run `node args…` from the repository as the reader (see above); the CLI is `bin/sectorpress.js`. */
export function runAsReader(args: readonly string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const env = asRoot ? { ...process.env, HOME: '/tmp', TMPDIR: '/tmp' } : process.env;
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** `sectorpress …` run as the reader. */
export function runCliAsReader(args: readonly string[]): Promise<ChildRun> {
  return runAsReader([path.join(repoRoot, 'bin', 'sectorpress.js'), ...args]);
}

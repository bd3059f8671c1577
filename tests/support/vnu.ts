/** The Nu Html Checker (vnu-jar), run once over a whole folder because the JVM is slow to start. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './site-folder.js';

export interface VnuMessage {
  readonly type: string;
  readonly url: string;
  readonly message: string;
  readonly lastLine?: number;
  readonly extract?: string;
}

export function runVnu(dir: string): Promise<VnuMessage[]> {
  const jar = path.join(repoRoot, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  return new Promise((resolve, reject) => {
    execFile('java', ['-jar', jar, '--format', 'json', '--errors-only', '--skip-non-html', dir], { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      try {
        const parsed = JSON.parse(stderr) as { messages: VnuMessage[] };
        resolve(parsed.messages);
      } catch {
        reject(error ?? new Error(`vnu printed no JSON: ${stderr.slice(0, 500)}`));
      }
    });
  });
}

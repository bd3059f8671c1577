/** The Nu Html Checker (vnu-jar), run once over a whole folder because the JVM is slow to start. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './site-folder.js';

interface VnuMessage {
  readonly type: string;
  readonly subType?: string;
  readonly url: string;
  readonly message: string;
  readonly lastLine?: number;
  readonly lastColumn?: number;
  readonly extract?: string;
}

/** Every error-level message for the HTML files under `dir` (one JVM for the lot). */
function runVnu(dir: string): Promise<VnuMessage[]> {
  const jar = path.join(repoRoot, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  return new Promise((resolve, reject) => {
    execFile('java', ['-jar', jar, '--format', 'json', '--errors-only', '--skip-non-html', dir], { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      try {
        // vnu prints its JSON report on stderr and exits 1 when there are errors.
        const parsed = JSON.parse(stderr) as { messages: VnuMessage[] };
        resolve(parsed.messages);
      } catch {
        reject(error ?? new Error(`vnu printed no JSON: ${stderr.slice(0, 500)}`));
      }
    });
  });
}

/** Errors grouped by file (posix path relative to `dir`), each as "line:column message [extract]". */
export async function vnuErrorsByFile(dir: string): Promise<Map<string, string[]>> {
  const errors = new Map<string, string[]>();
  for (const message of await runVnu(dir)) {
    if (message.type !== 'error' && message.subType !== 'fatal') continue;
    const file = message.url.startsWith('file:') ? path.relative(dir, fileURLToPath(message.url)).split(path.sep).join('/') : message.url;
    const extract = message.extract ? ` [${message.extract.replace(/\s+/g, ' ').trim()}]` : '';
    errors.set(file, [...(errors.get(file) ?? []), `${message.lastLine ?? '?'}:${message.lastColumn ?? '?'} ${message.message}${extract}`]);
  }
  return errors;
}

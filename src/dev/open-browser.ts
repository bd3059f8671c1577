/** `--open`: hand the URL to the system's browser launcher, without waiting for it. */
import { spawn } from 'node:child_process';

function launcher(url: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [url]];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

/**
 * Open `url` in the default browser; if no launcher is available, say so rather than fail.
 *
 * @example
 * openBrowser('http://127.0.0.1:8080/', console.error);
 */
export function openBrowser(url: string, log: (line: string) => void): void {
  const [command, args] = launcher(url);
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => log(`[dev] could not open a browser; open ${url} yourself`));
    child.unref();
  } catch {
    log(`[dev] could not open a browser; open ${url} yourself`);
  }
}

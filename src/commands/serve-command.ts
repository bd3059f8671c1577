/** `sectorpress serve`: serve the built output folder under the site's base path, until interrupted. */
import path from 'node:path';
import { findBuiltSite } from './built-site.js';
import { untilInterrupted, type CliIo } from './cli-io.js';
import { numberFlag, parseFlags, stringFlag } from './parse-flags.js';
import { serveFolder } from './serve-folder.js';
import { serveUsage } from './usage.js';

export async function runServe(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, { out: { type: 'string' }, 'base-url': { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } }, serveUsage);
  if (values.help) {
    io.out(serveUsage);
    return 0;
  }
  // Without a url the site lives at the root; the build already warned about it.
  const config = await findBuiltSite(positionals[0], values, io, 'serving');
  if (!config) return 1;
  const dir = config.outDir;
  const where = path.relative(process.cwd(), dir) || '.';
  const port = numberFlag(values.port, 'port', serveUsage) ?? 8080;
  let served: Awaited<ReturnType<typeof serveFolder>>;
  try {
    served = await serveFolder({ dir, basePath: config.basePath, port, host: stringFlag(values.host) ?? '127.0.0.1' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EADDRNOTAVAIL') throw error;
    io.err(
      code === 'EADDRINUSE'
        ? `Port ${port} is in use.\n  Choose another with --port, e.g. --port ${port + 1}.`
        : `Cannot listen on ${String(values.host)}.\n  Give an address of this machine with --host, e.g. --host 127.0.0.1.`,
    );
    return 1;
  }
  io.out(`Serving ${where} at ${served.url}  (Ctrl+C to stop)`);
  await untilInterrupted();
  await served.close();
  return 0;
}

/** `sectorpress dev`: build, serve, watch, live-reload until interrupted. */
import { createDevServer } from '../dev/create-dev-server.js';
import { devUsage } from './usage.js';
import { untilInterrupted, type CliIo } from './cli-io.js';
import { numberFlag, parseFlags, stringFlag } from './parse-flags.js';

export async function runDev(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      'base-url': { type: 'string' },
      drafts: { type: 'boolean' },
      future: { type: 'boolean' },
      now: { type: 'string' },
      open: { type: 'boolean' },
      debug: { type: 'boolean' },
    },
    devUsage,
  );
  if (values.help) {
    io.out(devUsage);
    return 0;
  }
  const server = await createDevServer({
    root: positionals[0] ?? '.',
    port: numberFlag(values.port, 'port', devUsage) ?? 8080,
    host: stringFlag(values.host) ?? '127.0.0.1',
    baseUrl: stringFlag(values['base-url']),
    drafts: values.drafts === true,
    future: values.future === true,
    now: stringFlag(values.now),
    open: values.open === true,
    log: (line) => io.err(line),
  });
  io.out(`Serving ${server.url}  (Ctrl+C to stop)`);
  await untilInterrupted();
  await server.close();
  return 0;
}

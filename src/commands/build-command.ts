/** `sectorpress build`: the main job, with a progress line on terminals and a one-line summary. */
import { buildUsage } from './usage.js';
import path from 'node:path';
import { build } from '../build.js';
import { trashEmptied } from '../output/remove-in-background.js';
import { runBuildWatch } from './build-watch.js';
import { plural, reportProblems, type CliIo } from './cli-io.js';
import { parseFlags, stringFlag } from './parse-flags.js';

function progress(io: CliIo, quiet: boolean): { onStage?: (stage: string) => void; done: () => void } {
  if (quiet || !io.interactive) return { done: () => undefined };
  const write = (text: string): boolean => process.stderr.write(text);
  return {
    onStage: (stage) => write(`\r\u001b[2K  building: ${stage}…`),
    done: () => write('\r\u001b[2K'),
  };
}

/** `stop` ends `--watch` (as Ctrl+C does). */
export async function runBuild(args: readonly string[], io: CliIo, stop?: AbortSignal): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      out: { type: 'string' },
      'base-url': { type: 'string' },
      drafts: { type: 'boolean' },
      future: { type: 'boolean' },
      now: { type: 'string' },
      'no-cache': { type: 'boolean' },
      'replace-out': { type: 'boolean' },
      watch: { type: 'boolean' },
      quiet: { type: 'boolean' },
      debug: { type: 'boolean' },
    },
    buildUsage,
  );
  if (values.help) {
    io.out(buildUsage);
    return 0;
  }
  const quiet = values.quiet === true;
  const options = {
    root: positionals[0] ?? '.',
    outDir: stringFlag(values.out),
    replaceOutDir: values['replace-out'] === true,
    baseUrl: stringFlag(values['base-url']),
    drafts: values.drafts === true,
    future: values.future === true,
    now: stringFlag(values.now),
    cache: values['no-cache'] !== true,
  };
  if (values.watch === true) return runBuildWatch(options, io, quiet, stop);
  const indicator = progress(io, quiet);
  try {
    const result = await build({ ...options, onStage: indicator.onStage });
    indicator.done();
    reportProblems(io, result.problems, { warnings: !quiet });
    if (!quiet) {
      const seconds = ((result.timings.total ?? 0) / 1000).toFixed(2);
      const where = path.relative(process.cwd(), result.outDir) || '.';
      io.out(
        `Built ${plural(result.counts.posts, 'post')}, ${plural(result.counts.pages, 'page')} and ${plural(result.counts.feeds, 'feed')} in ${seconds} s (${result.changed} of ${result.files.length} files changed) → ${where}`,
      );
    }
    // Earlier outputs are deleted in the background; finish before exiting so none pile up.
    await trashEmptied();
    return 0;
  } finally {
    indicator.done();
  }
}

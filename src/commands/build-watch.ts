/** `sectorpress build --watch`: build, then keep the output folder fresh until interrupted. */
import type { BuildOptions } from '../build.js';
import type { RebuildResult } from '../dev/dev-session.js';
import { watch } from '../dev/watch.js';
import { reportProblems, type CliIo } from './cli-io.js';

function describeChange(result: RebuildResult): string {
  if (result.changed.length === 0) return result.ok ? 'Built' : 'The first build failed';
  return `Rebuilt after ${result.changed.length === 1 ? `${result.changed[0]} changed` : `${result.changed.length} files changed`}`;
}

/** One line per build: what changed and how many output files that changed; a failure keeps the last good output. */
function report(io: CliIo, result: RebuildResult, quiet: boolean): void {
  // Warnings repeat on every rebuild: shown with the first build only.
  reportProblems(io, result.problems, { warnings: !quiet && result.changed.length === 0 });
  if (!result.ok && result.changed.length === 0) io.err(`${describeChange(result)}; fix the errors above and save to try again.`);
  else if (!result.ok) io.err(`${describeChange(result)}: the build failed; the output folder keeps the last good site.`);
  else if (!quiet) io.out(`${describeChange(result)}: ${result.updated.length} ${result.updated.length === 1 ? 'file' : 'files'} updated in ${result.ms} ms`);
}

/** Watch until `stop` is aborted, or Ctrl+C. Returns 0, or 1 when the last build had failed. */
export async function runBuildWatch(options: BuildOptions, io: CliIo, quiet: boolean, stop?: AbortSignal): Promise<number> {
  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  stop?.addEventListener('abort', interrupt, { once: true });
  try {
    let ok = true;
    for await (const result of watch({ ...options, signal: controller.signal })) {
      report(io, result, quiet);
      if (result.changed.length === 0 && !quiet) io.out('Watching for changes (Ctrl+C to stop).');
      ok = result.ok;
    }
    return ok ? 0 : 1;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

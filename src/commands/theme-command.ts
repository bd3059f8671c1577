/** `sectorpress theme eject | check`. */
import { themeUsage } from './usage.js';
import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { hasErrors } from '../shared/errors.js';
import { reportProblems, UsageError, type CliIo } from './cli-io.js';
import { parseFlags } from './parse-flags.js';
import { checkTheme } from '../render/check-theme.js';
import { ejectTheme } from '../render/eject-theme.js';

export async function runTheme(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, { site: { type: 'string' } }, themeUsage);
  if (values.help) {
    io.out(themeUsage);
    return 0;
  }
  const [action, dir] = positionals;
  const root = path.resolve(typeof values.site === 'string' ? values.site : '.');
  if (action === 'eject') {
    const result = await ejectTheme(root, dir);
    reportProblems(io, result.problems, { warnings: true });
    if (hasErrors(result.problems)) return 1;
    io.out(`Copied the default theme to ${path.relative(process.cwd(), result.value.themeDir) || '.'}`);
    return 0;
  }
  if (action === 'check') {
    // Inside a site, helpers from its config are known too.
    const config = await loadConfig(root, {});
    const helpers = config.problems.some((problem) => problem.severity === 'error') ? [] : Object.keys(config.value.helpers);
    const result = await checkTheme(path.resolve(root, dir ?? 'theme'), helpers);
    reportProblems(io, result.problems, { warnings: true });
    if (hasErrors(result.problems)) return 1;
    io.out('The theme looks good.');
    return 0;
  }
  throw new UsageError(action ? `Unknown theme command "${action}".` : 'Say what to do: eject or check.', themeUsage);
}

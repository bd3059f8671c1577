/** `sectorpress check`: check the built output folder (links, HTML, feeds; optionally external links and the browser). */
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { checkSite } from '../check/check-site.js';
import { formatReport, reportJson } from '../check/format-report.js';
import { loadConfig } from '../config/load-config.js';
import { cacheFolder } from '../shared/cache-folder.js';
import { hasErrors } from '../shared/errors.js';
import { reportProblems, type CliIo } from './cli-io.js';
import { parseFlags, stringFlag } from './parse-flags.js';
import { checkUsage } from './usage.js';

export async function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    { out: { type: 'string' }, 'base-url': { type: 'string' }, external: { type: 'boolean' }, browser: { type: 'boolean' }, json: { type: 'boolean' }, debug: { type: 'boolean' } },
    checkUsage,
  );
  if (values.help) {
    io.out(checkUsage);
    return 0;
  }
  const root = path.resolve(positionals[0] ?? '.');
  const out = stringFlag(values.out);
  const config = await loadConfig(root, { outDir: out === undefined ? undefined : path.resolve(out), url: stringFlag(values['base-url']) });
  if (hasErrors(config.problems)) {
    reportProblems(io, config.problems, { warnings: false });
    return 1;
  }
  const dir = config.value.outDir;
  if (
    !(await fs.stat(path.join(dir, 'index.html')).then(
      (stat) => stat.isFile(),
      () => false,
    ))
  ) {
    io.err(`${path.relative(process.cwd(), dir) || '.'} holds no built site (no index.html).\n  Build it first: sectorpress build${positionals[0] ? ` ${positionals[0]}` : ''}`);
    return 1;
  }
  const started = performance.now();
  const report = await checkSite({ outDir: dir, siteUrl: config.value.url, external: values.external === true, browser: values.browser === true, cacheDir: cacheFolder(root) });
  const seconds = (performance.now() - started) / 1000;
  if (values.json) io.out(reportJson(report, seconds));
  else if (report.problems.length === 0) io.out(formatReport(report, seconds));
  else io.err(formatReport(report, seconds));
  return report.problems.length === 0 ? 0 : 1;
}

/** `sectorpress check`: check the built output folder (links, HTML, feeds; optionally external links and the browser). */
import { checkSite } from '../check/check-site.js';
import { formatReport, reportJson } from '../check/format-report.js';
import { cacheFolder } from '../shared/cache-folder.js';
import { findBuiltSite } from './built-site.js';
import type { CliIo } from './cli-io.js';
import { parseFlags } from './parse-flags.js';
import { checkUsage } from './usage.js';

export async function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      out: { type: 'string' },
      'base-url': { type: 'string' },
      external: { type: 'boolean' },
      'allow-private-addresses': { type: 'boolean' },
      browser: { type: 'boolean' },
      json: { type: 'boolean' },
      debug: { type: 'boolean' },
    },
    checkUsage,
  );
  if (values.help) {
    io.out(checkUsage);
    return 0;
  }
  const config = await findBuiltSite(positionals[0], values, io);
  if (!config) return 1;
  const started = performance.now();
  const report = await checkSite({
    outDir: config.outDir,
    siteUrl: config.url,
    external: values.external === true,
    allowPrivateAddresses: values['allow-private-addresses'] === true,
    browser: values.browser === true,
    cacheDir: cacheFolder(config.root),
  });
  const seconds = (performance.now() - started) / 1000;
  if (values.json) io.out(reportJson(report, seconds));
  else if (report.problems.length === 0) io.out(formatReport(report, seconds));
  else io.err(formatReport(report, seconds));
  return report.problems.length === 0 ? 0 : 1;
}

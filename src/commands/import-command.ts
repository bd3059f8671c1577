/** `sectorpress import wordpress|feed`: bring an existing blog into a site folder. */
import path from 'node:path';
import { hasErrors } from '../shared/errors.js';
import { importFeed } from '../import/import-feed.js';
import { importWordPress } from '../import/import-wordpress.js';
import { reportProblems, UsageError, plural, type CliIo } from './cli-io.js';
import { parseFlags, stringFlag } from './parse-flags.js';
import { importUsage } from './usage.js';

const WORDPRESS_FLAGS = {
  out: { type: 'string' },
  media: { type: 'string' },
  download: { type: 'boolean' },
  comments: { type: 'boolean' },
  force: { type: 'boolean' },
  'time-zone': { type: 'string' },
  categories: { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'allow-type': { type: 'string', multiple: true },
} as const;

const FEED_FLAGS = {
  out: { type: 'string' },
  media: { type: 'string' },
  download: { type: 'boolean' },
  force: { type: 'boolean' },
  'time-zone': { type: 'string' },
  'site-url': { type: 'string' },
  'allow-type': { type: 'string', multiple: true },
} as const;

/** A repeatable flag's values (`--allow-host a --allow-host b`); parseArgs gives an array for these. */
function listFlag(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim()) : [];
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function required(positionals: readonly string[], values: Record<string, string | boolean | undefined>, what: string): { source: string; out: string } {
  const [source, extra] = positionals;
  if (!source) throw new UsageError(`Give the ${what} to import.`, importUsage);
  if (extra) throw new UsageError(`One ${what} at a time; got also "${extra}".`, importUsage);
  const out = stringFlag(values.out);
  if (!out) throw new UsageError('Say where the site folder goes: --out DIR.', importUsage);
  return { source, out };
}

async function runWordPress(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, WORDPRESS_FLAGS, importUsage);
  if (values.help) {
    io.out(importUsage);
    return 0;
  }
  const { source, out } = required(positionals, values, 'WordPress export (.xml)');
  const timeZone = zoneFlag(values['time-zone']) ?? 'Europe/London';
  const categories = stringFlag(values.categories) ?? 'tags';
  if (categories !== 'tags' && categories !== 'separate') throw new UsageError(`--categories is tags or separate, got "${categories}".`, importUsage);
  const media = stringFlag(values.media);
  const result = await importWordPress(path.resolve(source), {
    out: path.resolve(out),
    media: media ? path.resolve(media) : undefined,
    download: values.download === true,
    comments: values.comments === true,
    force: values.force === true,
    timeZone,
    categories,
    allowHosts: listFlag(values['allow-host']),
    allowTypes: listFlag(values['allow-type']),
  });
  if (hasErrors(result.problems) || !result.value) {
    reportProblems(io, result.problems, { warnings: false });
    io.err('Nothing was written.');
    return 1;
  }
  const { counts, warnings, written, kept } = result.value;
  const shown = path.relative(process.cwd(), out) || '.';
  io.out(`Imported ${plural(counts['posts published'] ?? 0, 'published post')} and ${plural(counts['pages published'] ?? 0, 'page')} into ${shown} (${plural(written, 'file')} written).`);
  if (kept.length) io.out(`Kept ${plural(kept.length, 'file')} you edited since the last import (--force overwrites them).`);
  io.out(`${plural(warnings, 'warning')}: see ${path.join(shown, 'import-report.md')}. Build it with \`sectorpress build ${shown}\`.`);
  return 0;
}

function zoneFlag(value: string | boolean | undefined): string | undefined {
  const zone = stringFlag(value);
  if (zone !== undefined && !validZone(zone)) throw new UsageError(`Unknown time zone "${zone}"; use an IANA name such as Europe/London.`, importUsage);
  return zone;
}

async function runFeed(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, FEED_FLAGS, importUsage);
  if (values.help) {
    io.out(importUsage);
    return 0;
  }
  const { source, out } = required(positionals, values, 'feed (a file or an http(s) address)');
  const media = stringFlag(values.media);
  const options = {
    force: values.force === true,
    timeZone: zoneFlag(values['time-zone']),
    siteUrl: stringFlag(values['site-url']),
    media: media ? path.resolve(media) : undefined,
    download: values.download === true,
    allowTypes: listFlag(values['allow-type']),
  };
  const result = await importFeed(source, path.resolve(out), options);
  if (hasErrors(result.problems) || !result.value) {
    reportProblems(io, result.problems, { warnings: false });
    io.err('Nothing was written.');
    return 1;
  }
  const { site, written, kept } = result.value;
  const shown = path.relative(process.cwd(), out) || '.';
  io.out(`Imported ${plural(site.entries.length, 'post')} into ${shown} (${plural(written, 'file')} written).`);
  if (kept.length) io.out(`Kept ${plural(kept.length, 'file')} you edited since the last import (--force overwrites them).`);
  io.out(`${plural(site.warnings.length, 'warning')}: see ${path.join(shown, 'import-report.md')}. Build it with \`sectorpress build ${shown}\`.`);
  return 0;
}

/** Run `sectorpress import <what> …` and return the exit code. */
export async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  const [what, ...rest] = args;
  if (what === 'wordpress') return runWordPress(rest, io);
  if (what === 'feed') return runFeed(rest, io);
  if (what === '--help' || what === '-h') {
    io.out(importUsage);
    return 0;
  }
  throw new UsageError(what ? `Unknown import source "${what}": wordpress or feed.` : 'Say what to import from: wordpress or feed.', importUsage);
}

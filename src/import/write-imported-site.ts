/**
 * The site-folder writer shared by every importer: posts/, pages/, data/authors.yml, data/redirects.yml,
 * the config (only when the site has none), import-report.md; staged, then moved in rerun-safely.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { redirectFromDanger } from '../shared/redirect-address.js';
import { quoteAddress } from '../shared/check-url-path.js';
import { CONFIG_FILE_NAMES, JSON_CONFIG_FILE } from '../shared/site-layout.js';
import { renderImportReport } from './import-report.js';
import { serialiseEntry, toYaml } from './serialise-entry.js';
import { replaceFile } from './import-manifest.js';
import { type CommitResult, SiteStaging } from './site-staging.js';
import type { ImportedEntry, ImportedSite } from './types.js';

/** Options of `writeImportedSite`. */
export interface WriteImportOptions {
  force?: boolean;
  reportTitle: string;
}

/** The report's file name, in the site folder. */
const REPORT_FILE = 'import-report.md';

/** Stage one entry (for importers that stream entries rather than hold them all). */
export function stageEntry(staging: SiteStaging, entry: ImportedEntry): Promise<void> {
  return staging.write(entry.file, serialiseEntry(entry));
}

async function hasOtherConfig(siteFolder: string): Promise<boolean> {
  for (const name of CONFIG_FILE_NAMES) {
    if (name === JSON_CONFIG_FILE) continue;
    if (
      await fs.stat(path.join(siteFolder, name)).then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  return false;
}

function configJson(config: ImportedSite['config']): string {
  const { title, url, description, timeZone, language } = config;
  return `${JSON.stringify({ title, url, ...(description ? { description } : {}), timezone: timeZone, ...(language ? { language } : {}) }, null, 2)}\n`;
}

/** Stage the data files and config, move everything in, then write the report (which lists the files kept). */
export async function finishImport(staging: SiteStaging, site: Omit<ImportedSite, 'entries'>, options: WriteImportOptions): Promise<CommitResult> {
  if (Object.keys(site.authors).length) await staging.write('data/authors.yml', toYaml(site.authors));
  // The last guard for every importer: an old address the build would refuse never reaches data/redirects.yml.
  const redirects = site.redirects.filter(({ from }) => !redirectFromDanger(from));
  for (const { from } of site.redirects.filter((redirect) => !redirects.includes(redirect)))
    site.warnings.push({
      source: 'data/redirects.yml',
      message: `The old address ${quoteAddress(from)} was not redirected: a redirect may not hold it.`,
      action: 'Add it by hand, written as one line, if it matters.',
    });
  if (redirects.length) await staging.write('data/redirects.yml', toYaml(redirects.map(({ from, to }) => ({ from, to }))));
  if (!(await hasOtherConfig(staging.siteFolder))) await staging.write(JSON_CONFIG_FILE, configJson(site.config));
  const result = await staging.commit({ force: options.force });
  for (const { file, reason } of result.refused)
    site.warnings.push({
      source: file,
      message: `was not written: ${reason}, and the importer writes nothing through a link.`,
      action: 'Replace the link with a real folder or file (or remove it) and import again.',
    });
  const report = renderImportReport({ title: options.reportTitle, counts: site.counts, warnings: site.warnings, kept: result.kept });
  // Replaced, never written through: the report's place may hold a link too.
  await replaceFile(path.join(staging.siteFolder, REPORT_FILE), report);
  return result;
}

/**
 * Writes the site folder (posts/, pages/, data/authors.yml, data/redirects.yml, config, import-report.md) with
 * rerun safety: unchanged input → identical files; a file edited by the user since the last import is kept
 * (and reported) unless `force`.
 */
export async function writeImportedSite(
  site: ImportedSite,
  siteFolder: string,
  options: WriteImportOptions,
  /** Runs first, with the staging (to stage media, and point the entries at them). */
  prepare?: (staging: SiteStaging) => Promise<void>,
): Promise<CommitResult> {
  const staging = await SiteStaging.open(siteFolder);
  try {
    await prepare?.(staging);
    for (const entry of site.entries) await stageEntry(staging, entry);
    return await finishImport(staging, site, options);
  } finally {
    await staging.discard();
  }
}

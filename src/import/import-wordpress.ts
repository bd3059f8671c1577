/**
 * `sectorpress import wordpress`: two streaming passes over the export (first what posts need from
 * elsewhere in the file, then the posts, each staged as it is read), media, then the site folder.
 */
import path from 'node:path';
import { errorProblem, staged, type Problem, type Staged } from '../shared/errors.js';
import { slugify } from '../shared/slug.js';
import { htmlToLine } from './plain-text.js';
import { archiveRedirects, emptyArchiveFacts, type ArchiveFacts } from './old-urls.js';
import { buildEntry, type BuiltEntry, type EntryContext } from './post-entry.js';
import { relinkMedia } from './relink-media.js';
import { SiteStaging } from './site-staging.js';
import type { ImportWarning } from './types.js';
import { finishImport, stageEntry } from './write-imported-site.js';
import { readWxr, WxrReadError } from './wxr-reader.js';
import { readItem } from './wxr-records.js';
import { isEntry, scanWxr, type WxrScan } from './wxr-scan.js';

/** Options of `sectorpress import wordpress`. */
export interface WordPressImportOptions {
  out: string;
  media?: string;
  download?: boolean;
  comments?: boolean;
  force?: boolean;
  timeZone: string;
  categories: 'tags' | 'separate';
}

/** What an import did. */
export interface ImportOutcome {
  counts: Record<string, number>;
  warnings: number;
  written: number;
  kept: string[];
}

const COUNT_NAMES = [
  'posts published',
  'pages published',
  'drafts and pending',
  'private (imported as drafts)',
  'scheduled (imported as drafts, dated)',
  'password-protected (imported as drafts)',
  'authors',
  'comments kept',
  'redirects in data/redirects.yml',
  'media copied',
  'media missing',
  'other items left out (attachments, menus, templates, …)',
];

function statusCount(built: BuiltEntry, status: string, password: boolean): string {
  if (password) return 'password-protected (imported as drafts)';
  if (built.published) return built.entry.kind === 'page' ? 'pages published' : 'posts published';
  if (status === 'private') return 'private (imported as drafts)';
  if (status === 'future') return 'scheduled (imported as drafts, dated)';
  return 'drafts and pending';
}

function recordFacts(facts: ArchiveFacts, built: BuiltEntry, authorKey: string | undefined): void {
  if (!built.published || built.entry.kind !== 'post') return;
  if (built.day) facts.days.add(built.day);
  if (authorKey) facts.authors.set(authorKey, authorKey);
  for (const { term, slug } of built.terms) (term.domain === 'post_tag' ? facts.tags : facts.categories).set(term.nicename, slug);
}

function readProblem(error: unknown, file: string): Problem {
  const shown = path.relative(process.cwd(), file) || file;
  if (error instanceof WxrReadError) return errorProblem({ code: error.code, message: error.message, hint: error.hint, file: shown, line: error.line, column: error.column });
  const code = (error as { code?: string } | null)?.code;
  const message =
    code === 'ENOENT'
      ? 'The export file does not exist.'
      : code === 'EISDIR'
        ? 'This is a folder, not an export file.'
        : `The export could not be read: ${error instanceof Error ? error.message : String(error)}`;
  return errorProblem({ code: 'import/unreadable', message, hint: 'Give the path of the .xml file WordPress exported (Tools → Export).', file: shown, line: 1, column: 1 });
}

function contextOf(scan: WxrScan, options: WordPressImportOptions): EntryContext {
  const siteUrl = (scan.channel['wp:base_blog_url'] || scan.channel.link || 'http://localhost').replace(/\/+$/, '');
  return { zone: options.timeZone, siteUrl, categories: options.categories, comments: Boolean(options.comments), attachments: scan.attachments, authorKeys: new Map(scan.authorKeys) };
}

/** A file name not used yet in this import (case-insensitively, for macOS and Windows). */
function fileChooser(): (wanted: string, id: string) => string {
  const used = new Set<string>();
  return (wanted, id) => {
    const file = used.has(wanted.toLowerCase()) ? wanted.replace(/\.md$/, `-${id}.md`) : wanted;
    used.add(file.toLowerCase());
    return file;
  };
}

/** Import `file` into `options.out`; a bad export is an error problem and writes nothing. */
export async function importWordPress(file: string, options: WordPressImportOptions): Promise<Staged<ImportOutcome | undefined>> {
  let scan: WxrScan;
  try {
    scan = await scanWxr(file);
  } catch (error) {
    return staged(undefined, [readProblem(error, file)]);
  }
  if (scan.entries === 0) {
    const problem = errorProblem({
      code: 'import/empty',
      message: 'The export has no posts or pages.',
      hint: 'Export "All content" (Tools → Export), not only media or menus.',
      file: path.relative(process.cwd(), file) || file,
      line: 1,
      column: 1,
    });
    return staged(undefined, [problem]);
  }
  const context = contextOf(scan, options);
  const counts: Record<string, number> = Object.fromEntries(COUNT_NAMES.map((name) => [name, 0]));
  const warnings: ImportWarning[] = [];
  const authors = { ...scan.authors };
  const facts = emptyArchiveFacts();
  const media = new Map<string, string>();
  const choose = fileChooser();
  const staging = await SiteStaging.open(options.out);
  try {
    const channel = await readWxr(file, async (node) => {
      const item = readItem(node);
      if (!item) return;
      if (!isEntry(item)) {
        counts['other items left out (attachments, menus, templates, …)'] += 1;
        return;
      }
      let authorKey = context.authorKeys.get(item.creator);
      if (!authorKey && item.creator) {
        authorKey = slugify(item.creator) || undefined;
        if (authorKey) {
          (context.authorKeys as Map<string, string>).set(item.creator, authorKey);
          authors[authorKey] ??= { name: item.creator };
        }
      }
      const built = buildEntry(item, context, (wanted) => choose(wanted, item.id));
      counts[statusCount(built, item.status, Boolean(item.password))] += 1;
      counts['comments kept'] += built.commentsKept;
      warnings.push(...built.warnings);
      recordFacts(facts, built, authorKey);
      for (const url of built.media) if (!media.has(url)) media.set(url, built.entry.source);
      await stageEntry(staging, built.entry);
    });
    if (options.media || options.download) {
      const fetched = await relinkMedia(staging, media, { siteUrl: context.siteUrl, mediaFolder: options.media, download: options.download });
      counts['media copied'] = fetched.copied;
      counts['media missing'] = fetched.warnings.length;
      warnings.push(...fetched.warnings);
    }
    const redirects = archiveRedirects(facts);
    counts.authors = Object.keys(authors).length;
    counts['redirects in data/redirects.yml'] = redirects.length;
    const config = {
      title: htmlToLine(channel.title ?? '') || 'Imported blog',
      url: context.siteUrl,
      description: htmlToLine(channel.description ?? '') || undefined,
      timeZone: options.timeZone,
      language: channel.language || undefined,
    };
    const site = { config, authors, redirects, warnings, counts };
    const result = await finishImport(staging, site, { force: options.force, reportTitle: `Import report: ${config.title}` });
    return staged({ counts, warnings: warnings.length, ...result });
  } catch (error) {
    if (error instanceof WxrReadError) return staged(undefined, [readProblem(error, file)]);
    throw error;
  } finally {
    await staging.discard();
  }
}

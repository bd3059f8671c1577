/** A check report as text: problems grouped by what is wrong, each with its page and element, then a total. */
import { sortProblems, type Problem } from '../shared/errors.js';
import type { CheckReport } from './types.js';

const TITLES: Readonly<Record<string, string>> = {
  'check/broken-link': 'Broken links',
  'check/broken-fragment': 'Links to a #fragment the page does not have',
  'check/outside-base-path': 'Links outside the base path',
  'check/unreachable': 'Pages no link leads to',
  'check/feed': 'Feeds that do not parse',
  'check/sitemap': 'Sitemap problems',
  'check/calendar': 'Calendars that do not parse',
  'check/external-link': 'Broken external links',
  'check/external-private': 'External links to private addresses (not requested)',
  'check/browser-missing': 'Browser check not run',
};

function titleOf(code: string): string {
  if (code.startsWith('html/')) return `HTML: ${code.slice('html/'.length)}`;
  if (code.startsWith('axe/')) return `Accessibility in Chromium: ${code.slice('axe/'.length)}`;
  return TITLES[code] ?? code;
}

function where(problem: Problem): string {
  if (!problem.file) return '';
  return problem.line === undefined ? `${problem.file}: ` : `${problem.file}:${problem.line}:${problem.column ?? 1}: `;
}

const plural = (count: number, word: string): string => `${count.toLocaleString('en-GB')} ${word}${count === 1 ? '' : 's'}`;

/** The readable summary: one block per kind of problem (largest first), its hint once, then the totals line. */
export function formatReport(report: CheckReport, seconds: number): string {
  const groups = new Map<string, Problem[]>();
  for (const problem of sortProblems(report.problems)) groups.set(problem.code, [...(groups.get(problem.code) ?? []), problem]);
  const blocks = [...groups]
    .sort(([a, first], [b, second]) => second.length - first.length || a.localeCompare(b))
    .map(([code, problems]) => {
      const hints = [...new Set(problems.map((problem) => problem.hint).filter((hint): hint is string => hint !== undefined))];
      const lines = problems.map((problem) => `  ${where(problem)}${problem.message}`);
      return [`${titleOf(code)} (${problems.length}) [${code}]`, ...lines, ...hints.slice(0, 1).map((hint) => `  → ${hint}`)].join('\n');
    });
  const { counts } = report;
  const pages = counts.reusedPages > 0 ? `${plural(counts.pages, 'page')} (${counts.reusedPages.toLocaleString('en-GB')} unchanged)` : plural(counts.pages, 'page');
  const looked = [pages, plural(counts.links, 'link'), plural(counts.feeds, 'feed'), plural(counts.calendars, 'calendar')];
  if (counts.externalLinks > 0) looked.push(plural(counts.externalLinks, 'external link'));
  if (counts.browserPages > 0) looked.push(`${plural(counts.browserPages, 'page')} in Chromium`);
  const verdict = report.problems.length === 0 ? 'no problems' : plural(report.problems.length, 'problem');
  return [...blocks, `Checked ${looked.join(', ')} in ${seconds.toFixed(2)} s: ${verdict}.`].join('\n\n');
}

/** The `--json` shape: `{ ok, counts, problems: [{ severity, code, message, file, line, column, hint }] }`. */
export function reportJson(report: CheckReport, seconds: number): string {
  return JSON.stringify({ ok: report.problems.length === 0, seconds: Number(seconds.toFixed(3)), counts: report.counts, problems: sortProblems(report.problems) }, null, 2);
}

/** `import-report.md`: counts, every warning with its post and what to do, and files kept. No timestamps, so reruns match. */
import type { ImportWarning } from './types.js';

/** What the report shows. */
export interface ReportInput {
  readonly title: string;
  readonly counts: Record<string, number>;
  readonly warnings: readonly ImportWarning[];
  readonly kept: readonly string[];
}

/** One line of Markdown text: no line breaks, and `|` cannot end a table cell early. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
}

/** Group warnings by their source, keeping the order sources first appear in. */
function bySource(warnings: readonly ImportWarning[]): Map<string, ImportWarning[]> {
  const groups = new Map<string, ImportWarning[]>();
  for (const warning of warnings) groups.set(warning.source, [...(groups.get(warning.source) ?? []), warning]);
  return groups;
}

/** The report's Markdown text. */
export function renderImportReport(input: ReportInput): string {
  const lines = [`# ${cell(input.title)}`, '', '## Counts', '', '| What | Number |', '| --- | ---: |'];
  for (const [what, count] of Object.entries(input.counts)) lines.push(`| ${cell(what)} | ${count} |`);
  lines.push('', `## Warnings (${input.warnings.length})`, '');
  if (input.warnings.length === 0) lines.push('None.');
  for (const [source, warnings] of bySource(input.warnings)) {
    lines.push(`### ${cell(source)}`, '');
    for (const warning of warnings) lines.push(`- ${cell(warning.message)}`, `  **What to do:** ${cell(warning.action)}`);
    lines.push('');
  }
  if (input.kept.length) {
    lines.push('', `## Files kept (${input.kept.length})`, '', 'Edited since the last import, so not overwritten. Import again with `--force` to replace them.', '');
    for (const file of input.kept) lines.push(`- \`${file}\``);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * A post's read-only `comments` front matter. Only `name`, `date`, `text` and `url` are kept;
 * anything else an export carried (`email`, `ip`, …) is dropped here with a warning, so it can
 * never reach a template, a feed or the output.
 */
import { parseDateValue } from '../shared/dates.js';
import { errorProblem, warningProblem, type Problem } from '../shared/errors.js';
import type { SourcePosition } from '../shared/source-position.js';
import { cleanText } from './clean-text.js';
import type { FrontMatter } from './front-matter.js';
import type { CommentRecord } from './types.js';

const KEPT = new Set(['name', 'date', 'text', 'url']);
const HINT = 'Write each comment as `- name: …`, `date: 2019-05-13 08:00`, `text: …` and optionally `url: https://…`.';

function problem(severity: 'error' | 'warning', file: string, at: SourcePosition, message: string, hint: string): Problem {
  const fields = { code: 'front-matter/comments', message, hint, file, line: at.line, column: at.column };
  return severity === 'error' ? errorProblem(fields) : warningProblem(fields);
}

/** One comment, or why it cannot be read. */
function readComment(raw: unknown, number: number, timezone: string): { comment?: CommentRecord; error?: string; dropped: string[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { error: `Comment ${number} is not a set of \`name\`, \`date\` and \`text\``, dropped: [] };
  const record = raw as Record<string, unknown>;
  const dropped = Object.keys(record).filter((key) => !KEPT.has(key));
  const name = typeof record.name === 'string' ? cleanText(record.name).trim() : '';
  const text = typeof record.text === 'string' ? cleanText(record.text).trim() : '';
  if (name === '' || text === '') return { error: `Comment ${number} has no ${name === '' ? '`name`' : '`text`'}`, dropped };
  const date = parseDateValue(record.date, timezone);
  if (!date.ok) return { error: `Comment ${number} has no usable \`date\` (${date.message})`, dropped };
  const url = record.url === undefined || record.url === null ? undefined : String(record.url).trim();
  if (url !== undefined && !/^https?:\/\/[^\s"<>]+$/i.test(url)) return { error: `Comment ${number} has a \`url\` that is not a full web address`, dropped };
  return { comment: { name, date: date.date, text, url: url || undefined }, dropped };
}

/**
 * Read `comments`: a list of `{ name, date, text, url? }`. Problems go to `problems`, located at
 * the comment's own line; unknown keys are dropped with one warning per comment (values are never
 * repeated in messages, since they may be e-mail or IP addresses).
 */
export function readCommentsField(front: FrontMatter, file: string, timezone: string, problems: Problem[]): CommentRecord[] {
  const value = front.data.comments;
  if (value === undefined || value === null) return [];
  const key = front.positions.comments ?? { line: 1, column: 1 };
  if (!Array.isArray(value)) {
    problems.push(problem('error', file, key, '`comments` must be a list of comments.', HINT));
    return [];
  }
  const comments: CommentRecord[] = [];
  value.forEach((raw: unknown, index) => {
    const at = front.items?.comments?.[index] ?? key;
    const read = readComment(raw, index + 1, timezone);
    if (read.dropped.length > 0) {
      const keys = read.dropped.map((name) => `\`${name}\``).join(', ');
      problems.push(problem('warning', file, at, `Comment ${index + 1}: ${keys} dropped; only name, date, text and url are kept and published.`, 'Remove the other keys from the front matter.'));
    }
    if (read.error) problems.push(problem('error', file, at, `${read.error}.`, HINT));
    else if (read.comment) comments.push(read.comment);
  });
  return comments;
}

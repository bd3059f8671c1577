/** Typed access to front-matter fields; each wrong type becomes a located problem. */
import { errorProblem, warningProblem, type Problem } from '../shared/errors.js';
import { parseDateValue } from '../shared/dates.js';
import { cleanText } from './clean-text.js';
import type { FrontMatter } from './front-matter.js';

/** Reads fields of one file's front matter, collecting problems as it goes. */
export class FieldReader {
  readonly problems: Problem[] = [];

  constructor(
    private readonly front: FrontMatter,
    private readonly file: string,
    private readonly timezone: string,
  ) {}

  private report(key: string, message: string, hint: string): undefined {
    const at = this.front.positions[key];
    this.problems.push(errorProblem({ code: `front-matter/${key}`, message, hint, file: this.file, line: at?.line ?? 1, column: at?.column ?? 1 }));
    return undefined;
  }

  has(key: string): boolean {
    return this.front.data[key] !== undefined && this.front.data[key] !== null;
  }

  /**
   * Text, trimmed, with control characters dropped — unless `verbatim`, for values
   * such as slugs where a control character must be refused rather than hidden.
   */
  string(key: string, options: { required?: boolean; verbatim?: boolean } = {}): string | undefined {
    const value = this.front.data[key];
    if (value === undefined || value === null) {
      return options.required ? this.report(key, `The ${key} is missing.`, `Add \`${key}: …\` to the front matter.`) : undefined;
    }
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') return this.report(key, `\`${key}\` must be text, not ${describe(value)}.`, `Write it as \`${key}: Some text\` (quote it if it contains a colon).`);
    if (options.required && value.trim() === '') return this.report(key, `The ${key} is empty.`, `Give the ${key} some text.`);
    return (options.verbatim ? value : cleanText(value)).trim();
  }

  boolean(key: string): boolean {
    const value = this.front.data[key];
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    this.report(key, `\`${key}\` must be true or false, not ${describe(value)}.`, `Write \`${key}: true\` without quotes.`);
    return false;
  }

  number(key: string): number | undefined {
    const value = this.front.data[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    return this.report(key, `\`${key}\` must be a number, not ${describe(value)}.`, `Write e.g. \`${key}: 2\`.`);
  }

  /** A list of strings, or one comma-separated string. */
  list(key: string): string[] {
    const value = this.front.data[key];
    if (value === undefined || value === null) return [];
    const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
    if (!items || items.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
      this.report(key, `\`${key}\` must be a list of words or a comma-separated line, not ${describe(value)}.`, `Write e.g. \`${key}: [leadership, ofsted]\` or \`${key}: leadership, ofsted\`.`);
      return [];
    }
    return items.map((item) => cleanText(String(item)).trim()).filter((item) => item !== '');
  }

  date(key: string, options: { required?: boolean; fallback?: string } = {}): Date | undefined {
    const value = this.front.data[key];
    if (value === undefined || value === null) {
      if (options.fallback) return this.parse(key, options.fallback);
      return options.required ? this.report(key, `The ${key} is missing.`, `Add \`${key}: 2024-07-09\` (or with a time, \`2024-07-09 10:00\`).`) : undefined;
    }
    return this.parse(key, value);
  }

  private parse(key: string, value: unknown): Date | undefined {
    const parsed = parseDateValue(value, this.timezone);
    if (parsed.ok) return parsed.date;
    return this.report(key, `\`${key}\` is not a usable date: ${parsed.message}.`, 'Write it as YYYY-MM-DD or YYYY-MM-DD HH:mm (site time zone), or ISO 8601 with an offset.');
  }

  /** Note something odd at `key` that does not stop the build. */
  warn(key: string, message: string, hint: string): void {
    const at = this.front.positions[key];
    this.problems.push(warningProblem({ code: `front-matter/${key}`, message, hint, file: this.file, line: at?.line ?? 1, column: at?.column ?? 1 }));
  }

  /** Report a problem at `key` from outside (e.g. an unsafe slug). */
  fail(key: string, message: string, hint: string): void {
    this.report(key, message, hint);
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  if (typeof value === 'object') return 'a set of keys';
  return `${typeof value} ${JSON.stringify(value)}`;
}

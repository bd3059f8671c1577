/**
 * Located problems. Every stage reports what is wrong with the input as values
 * (`Problem`) rather than throwing, so one build can report all of them at once;
 * only the edge (the CLI, or `build()` rejecting) turns them into output.
 */

export type Severity = 'error' | 'warning';

/**
 * One thing wrong with the input, with where it is and how to fix it.
 *
 * @example
 * const problem: Problem = {
 *   severity: 'error', code: 'front-matter/missing-title',
 *   message: 'The post has no title.', hint: 'Add `title: ...` to the front matter.',
 *   file: 'posts/2024-01-02-hello.md', line: 1, column: 1,
 * };
 */
export interface Problem {
  readonly severity: Severity;
  /** Stable identifier, e.g. `front-matter/yaml`, `routes/collision`. */
  readonly code: string;
  readonly message: string;
  /** What the user should do about it. */
  readonly hint?: string;
  /** Path relative to the site folder (posix separators) where possible. */
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
}

/** A stage's result: its value plus whatever it noticed on the way. */
export interface Staged<T> {
  readonly value: T;
  readonly problems: readonly Problem[];
}

export function staged<T>(value: T, problems: readonly Problem[] = []): Staged<T> {
  return { value, problems };
}

export function errorProblem(fields: Omit<Problem, 'severity'>): Problem {
  return { severity: 'error', ...fields };
}

export function warningProblem(fields: Omit<Problem, 'severity'>): Problem {
  return { severity: 'warning', ...fields };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/**
 * Thrown (or rejected) only at a stage boundary when a stage reported errors;
 * carries every problem collected so far so the edge can print them together.
 */
export class BuildFailedError extends Error {
  readonly problems: readonly Problem[];
  /** 1 for content/theme errors, 2 for usage errors (bad flags). */
  readonly exitCode: 1 | 2;

  constructor(problems: readonly Problem[], exitCode: 1 | 2 = 1) {
    const errors = problems.filter((problem) => problem.severity === 'error');
    super(errors.length === 1 ? formatProblem(errors[0]) : `${errors.length} errors:\n${errors.map(formatProblem).join('\n')}`);
    this.name = 'BuildFailedError';
    this.problems = problems;
    this.exitCode = exitCode;
  }
}

/**
 * `posts/a.md:3:7 error: message [code]`, then `  → hint` on a second line when there is one;
 * the location is left out when unknown. The one format every surface prints.
 */
export function formatProblem(problem: Problem): string {
  const where = formatLocation(problem);
  const head = `${where ? `${where} ` : ''}${problem.severity}: ${problem.message} [${problem.code}]`;
  return problem.hint ? `${head}\n  → ${problem.hint}` : head;
}

function formatLocation(problem: Pick<Problem, 'file' | 'line' | 'column'>): string {
  if (!problem.file) return '';
  if (problem.line === undefined) return problem.file;
  return `${problem.file}:${problem.line}:${problem.column ?? 1}`;
}

/** Sort problems by file, line, column so output is stable whatever order stages ran in. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.code.localeCompare(b.code));
}

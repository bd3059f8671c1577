/** The edge: how commands talk to the terminal, and the usage-error type they share. */
import { formatProblem, sortProblems, type Problem } from '../shared/errors.js';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** True when stderr is a terminal (progress indicators only then). */
  readonly interactive: boolean;
}

/** Bad flags or arguments: exit code 2 with the command's usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  interactive: Boolean(process.stderr.isTTY),
};

/** Print problems, errors and warnings alike, in file order. */
export function reportProblems(io: CliIo, problems: readonly Problem[], options: { warnings: boolean }): void {
  for (const problem of sortProblems(problems)) {
    if (problem.severity === 'warning' && !options.warnings) continue;
    io.err(formatProblem(problem));
  }
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Resolves at the first Ctrl+C (SIGINT) or SIGTERM, so a long-running command can close what it opened. */
export function untilInterrupted(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

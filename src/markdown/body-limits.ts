/** The located errors for a body over one of its limits (shared/body-limits.ts). */
import { type BodyLimits, megabytes, seconds, timeLimitForBytes } from '../shared/body-limits.js';
import { errorProblem, type Problem } from '../shared/errors.js';
import type { MarkdownJob } from './types.js';

/** The time one body may take (`timeLimitForBytes` of its size). */
export function timeLimitOf(job: MarkdownJob, limits: BodyLimits): number {
  return timeLimitForBytes(Buffer.byteLength(job.body), limits);
}

/** The longest line of a body (0-based index and length): the usual suspect when parsing is slow. */
function longestLine(body: string): { index: number; length: number } {
  let best = { index: 0, length: 0 };
  let index = 0;
  for (let start = 0; start <= body.length; index += 1) {
    const end = body.indexOf('\n', start);
    const stop = end === -1 ? body.length : end;
    if (stop - start > best.length) best = { index, length: stop - start };
    if (end === -1) break;
    start = end + 1;
  }
  return best;
}

/** A long line worth pointing at: ordinary paragraphs stay well under this. */
const LONG_LINE = 2000;

/** Bodies over `maxBodyBytes` are refused before parsing: the parser's memory grows many times faster than the text. */
export function oversizedProblem(job: MarkdownJob, limits: BodyLimits): Problem | undefined {
  const bytes = Buffer.byteLength(job.body);
  if (bytes <= limits.maxBodyBytes) return undefined;
  return errorProblem({
    code: 'markdown/too-large',
    message: `The post body is ${megabytes(bytes)}, over the ${megabytes(limits.maxBodyBytes)} limit, so it was not rendered.`,
    hint: 'Split it into several posts, or put large data in a file under static/ and link to it. To allow larger bodies, raise markdown.maxBodyBytes in the config (see docs/configuration.md).',
    file: job.id,
    line: job.bodyLine,
    column: 1,
  });
}

/** A body that ran over the time limit, located at its longest line when that line is long. */
export function timeoutProblem(job: MarkdownJob, limits: BodyLimits): Problem {
  const line = longestLine(job.body);
  const long = line.length >= LONG_LINE;
  const likely = long
    ? `Line ${job.bodyLine + line.index} is ${line.length} characters long; a long run of list markers ("- - - …"), quote markers or brackets on one line makes the Markdown parser slow. Split that line into shorter lines, or put it in a code block.`
    : 'Deeply nested lists, quotes or brackets make the Markdown parser slow: flatten them, or split the post.';
  return errorProblem({
    code: 'markdown/timeout',
    message: `Markdown took longer than ${seconds(timeLimitOf(job, limits))} to render, so it was stopped.`,
    hint: `${likely} To allow more time, raise markdown.timeoutMs in the config (see docs/configuration.md).`,
    file: job.id,
    line: long ? job.bodyLine + line.index : job.bodyLine,
    column: 1,
  });
}

/** A body whose rendering ended its worker (out of memory, most likely). */
export function crashProblem(job: MarkdownJob, message: string): Problem {
  return errorProblem({
    code: 'markdown/crash',
    message: `Rendering this Markdown stopped its worker: ${message}.`,
    hint: 'The body is probably too large or too deeply nested for the parser: split it into several posts, or shorten its longest lines.',
    file: job.id,
    line: job.bodyLine,
    column: 1,
  });
}

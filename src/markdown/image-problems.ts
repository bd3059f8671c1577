/** The image notes of rendered bodies as located problems (kept in the Markdown cache, so a warm build reports them too). */
import { errorProblem, warningProblem, type Problem } from '../shared/errors.js';
import type { MarkdownJob, RenderedMarkdown } from './types.js';

/**
 * One problem per note: a missing image file is an error, an image without alt text a
 * warning; both at the image's line in the source file.
 */
export function imageProblems(jobs: readonly MarkdownJob[], byId: ReadonlyMap<string, RenderedMarkdown>): Problem[] {
  const problems: Problem[] = [];
  for (const job of jobs) {
    for (const note of byId.get(job.id)?.imageNotes ?? []) {
      const at = { file: job.id, line: job.bodyLine + note.line - 1, column: note.column };
      problems.push(
        note.code === 'missing'
          ? errorProblem({ code: 'image/missing', message: `The image ${note.url} is not in static/.`, hint: `Add static${note.url}, or fix the path.`, ...at })
          : warningProblem({
              code: 'image/no-alt',
              message: `The image ${note.url} has no alt text.`,
              hint: 'Describe what the image shows: ![what it shows](…), or <img alt="…">; alt="" on an <img> marks an image as decorative.',
              ...at,
            }),
      );
    }
  }
  return problems;
}

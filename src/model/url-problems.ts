/** A URL the model made from front matter, checked against the site-wide path rule, as located problems. */
import { checkUrlPath } from '../shared/check-url-path.js';
import { errorProblem, warningProblem, type Problem } from '../shared/errors.js';

/** Where the URL was decided: the file, and the `permalink`/`slug`/`tags` line when known. */
export interface UrlOrigin {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * Problems with `url`: an error when the path rule refuses it (or a `:token` was left
 * unfilled), a warning for each name Windows or macOS hosts cannot hold.
 *
 * `subject` names what has the URL when it is not a permalink, e.g. `The tag "C++"`.
 *
 * @example
 * urlProblems('/con/', { file: 'pages/con.md' }, 'Rename it.'); // [warning: "con" is a reserved device name on Windows]
 */
export function urlProblems(url: string, origin: UrlOrigin, hint: string, subject?: string): Problem[] {
  const verdict = checkUrlPath(url);
  const token = /:[a-z]+/.exec(url)?.[0];
  const error = verdict.error ?? (token ? `contains an unknown token ${token}` : undefined);
  const decoded = safeDecode(url);
  const shown = JSON.stringify(decoded.length > 120 ? `${decoded.slice(0, 100)}…` : decoded);
  const what = subject ? `${subject} (URL ${shown})` : `The permalink ${shown}`;
  if (error) return [errorProblem({ code: 'permalink/unsafe', message: `${what} is not allowed: it ${error}.`, hint, ...origin })];
  return verdict.warnings.map((warning) =>
    warningProblem({
      code: 'permalink/portability',
      message: `${what} builds here but breaks on Windows hosts and git checkouts there: ${warning}.`,
      hint: 'Choose another name for that part of the URL (a `slug` or `permalink` in the front matter).',
      ...origin,
    }),
  );
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** The last check before writing: every output path is safe and claimed by exactly one thing. */
import { checkOutputPath } from '../shared/check-url-path.js';
import { errorProblem, staged, type Problem, type Staged } from '../shared/errors.js';
import type { Route } from '../routes/types.js';
import type { OutputFile } from '../shared/output-file.js';

/** A file copied from `static/` as the user named it (not a fingerprinted theme asset). */
function isStaticCopy(file: OutputFile): boolean {
  return 'copyFrom' in file && file.fingerprint === undefined;
}

/**
 * Why an output path (relative, posix) could escape or confuse the output folder, or `undefined`.
 * The site-wide path rule; dotfiles pass only for files copied from `static/` (`.well-known/`).
 */
export function unsafeOutputPath(file: string, fromStatic = false): string | undefined {
  const error = checkOutputPath(file, { dotSegments: fromStatic }).error;
  return error ? `it ${error}` : undefined;
}

/** Who wrote the `nth` file at this path (routes in order), for collision messages. */
function describeOwner(file: OutputFile, owners: ReadonlyMap<string, readonly string[]>, nth: number): string {
  if (isStaticCopy(file)) return `static/${file.path}`;
  return owners.get(file.path)?.[nth] ?? `the generated file ${file.path}`;
}

/**
 * Reject unsafe paths and collisions (a static file shadowing a feed, say), naming every
 * source involved. Collisions between routes were already reported by `planRoutes`.
 */
export function checkOutputFiles(files: readonly OutputFile[], routes: readonly Route[]): Staged<OutputFile[]> {
  const owners = new Map<string, string[]>();
  for (const route of routes) owners.set(route.outputPath, [...(owners.get(route.outputPath) ?? []), route.sources[0] ?? `the ${route.kind} page ${route.url}`]);
  const problems: Problem[] = [];
  const seen = new Map<string, OutputFile>();
  const claims = new Map<string, number>();
  const checked: OutputFile[] = [];
  for (const file of files) {
    const unsafe = unsafeOutputPath(file.path, isStaticCopy(file));
    if (unsafe) {
      problems.push(errorProblem({ code: 'output/unsafe-path', message: `Refusing to write ${JSON.stringify(file.path)}: ${unsafe}.`, file: owners.get(file.path)?.[0] }));
      continue;
    }
    const earlier = seen.get(file.path);
    if (earlier) {
      // `planRoutes` reports route collisions before rendering; this is the net for everything else.
      const nth = (claims.get(file.path) ?? 0) + 1;
      claims.set(file.path, nth);
      problems.push(
        errorProblem({
          code: 'output/collision',
          message: `Two things want to write ${file.path}: ${describeOwner(earlier, owners, 0)} and ${describeOwner(file, owners, nth)}.`,
          hint: 'Rename or move one of them.',
          file: owners.get(file.path)?.[0],
        }),
      );
      continue;
    }
    seen.set(file.path, file);
    checked.push(file);
  }
  checked.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return staged(checked, problems);
}

/** The last check before writing: every output path is safe and claimed by exactly one thing. */
import { errorProblem, staged, type Problem, type Staged } from '../shared/errors.js';
import type { Route } from '../routes/types.js';
import type { OutputFile } from '../shared/output-file.js';

/** Why an output path (relative, posix) could escape or confuse the output folder, or `undefined`. */
export function unsafeOutputPath(file: string): string | undefined {
  if (file === '' || file.startsWith('/') || /^[a-z]:/i.test(file)) return 'it is absolute';
  if (file.includes('\\')) return 'it contains a backslash';
  if (file.includes('\0')) return 'it contains a NUL character';
  if (file.split('/').some((segment) => segment === '..' || segment === '.' || segment === '')) return 'it has an empty, `.` or `..` segment';
  return undefined;
}

function describeOwner(file: OutputFile, owners: ReadonlyMap<string, string>): string {
  if ('copyFrom' in file && file.fingerprint === undefined) return `static/${file.path}`;
  return owners.get(file.path) ?? `the generated file ${file.path}`;
}

/**
 * Reject unsafe paths and collisions (two posts with one permalink, a static
 * file shadowing a page), naming every source involved.
 */
export function checkOutputFiles(files: readonly OutputFile[], routes: readonly Route[]): Staged<OutputFile[]> {
  const owners = new Map<string, string>();
  const routeSources = new Map<string, string[]>();
  for (const route of routes) {
    const list = routeSources.get(route.outputPath) ?? [];
    list.push(...(route.sources.length > 0 ? route.sources : [`the ${route.kind} page ${route.url}`]));
    routeSources.set(route.outputPath, list);
    owners.set(route.outputPath, list[0] ?? route.url);
  }
  const problems: Problem[] = [];
  for (const [outputPath, sources] of routeSources) {
    if (sources.length < 2) continue;
    problems.push(errorProblem({
      code: 'routes/collision',
      message: `${sources.join(' and ')} both want the URL /${outputPath.replace(/index\.html$/, '')}.`,
      hint: 'Give one of them a different `slug` or `permalink` in its front matter.',
      file: sources.find((source) => !source.startsWith('the ')),
    }));
  }
  const seen = new Map<string, OutputFile>();
  const checked: OutputFile[] = [];
  for (const file of files) {
    const unsafe = unsafeOutputPath(file.path);
    if (unsafe) {
      problems.push(errorProblem({ code: 'output/unsafe-path', message: `Refusing to write ${JSON.stringify(file.path)}: ${unsafe}.`, file: owners.get(file.path) }));
      continue;
    }
    const earlier = seen.get(file.path);
    if (earlier) {
      // Route collisions were reported above with their source files; report the rest here.
      if ((routeSources.get(file.path)?.length ?? 0) < 2) {
        problems.push(errorProblem({
          code: 'output/collision',
          message: `Two things want to write ${file.path}: ${describeOwner(earlier, owners)} and ${describeOwner(file, owners)}.`,
          hint: 'Rename or move one of them.',
        }));
      }
      continue;
    }
    seen.set(file.path, file);
    checked.push(file);
  }
  checked.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return staged(checked, problems);
}

/**
 * The command-line edge: dispatch, and the only place problems and unexpected
 * errors become terminal output and exit codes (1 content, 2 usage).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BuildFailedError } from './shared/errors.js';
import { processIo, reportProblems, UsageError, type CliIo } from './commands/cli-io.js';
import { buildUsage, cleanUsage, devUsage, newPostUsage, newSiteUsage, themeUsage } from './commands/usage.js';
import { suggestName } from './config/suggest-name.js';
import { packageRoot } from './shared/package-root.js';

const mainUsage = `sectorpress — static blogs for the public sector

Usage: sectorpress <command> [options]

Commands:
  build [dir]          build the site into its output folder (default _site)
  dev [dir]            serve the site with live reload while you write
  serve [dir]          serve the built output folder, as a web host would
  new post "Title"     start a new dated post
  new site DIR         create a new site from the example
  theme eject|check    fork the default theme, or validate a theme
  check [dir]          check the built site: links, HTML, accessibility, feeds
  import wordpress|feed  bring an existing blog in (WordPress export, or a feed)
  clean [dir]          delete the output folder and the cache

Options:
  -h, --help           show this help (after a command: that command's help)
  -v, --version        print the version of sectorpress

Run \`sectorpress <command> --help\` for a command's options.`;

function version(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

const COMMANDS = ['build', 'dev', 'serve', 'check', 'new', 'theme', 'clean', 'import', 'help'];

function unknownCommand(command: string): string {
  if (command.startsWith('-')) return `Unknown flag ${command}; flags go after the command, e.g. sectorpress build --drafts.`;
  const nearest = suggestName(command, COMMANDS);
  return `Unknown command "${command}".${nearest ? ` Did you mean "${nearest}"?` : ''}`;
}

async function dispatch(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  // Commands load on demand: `dev` pulls in the watcher, `build` the whole pipeline.
  switch (command) {
    case 'build':
      return (await import('./commands/build-command.js')).runBuild(rest, io);
    case 'dev':
      return (await import('./commands/dev-command.js')).runDev(rest, io);
    case 'serve':
      return (await import('./commands/serve-command.js')).runServe(rest, io);
    case 'check':
      return (await import('./commands/check-command.js')).runCheck(rest, io);
    case 'clean':
      return (await import('./commands/clean-command.js')).runClean(rest, io);
    case 'theme':
      return (await import('./commands/theme-command.js')).runTheme(rest, io);
    case 'import':
      return (await import('./commands/import-command.js')).runImport(rest, io);
    case 'new': {
      const [what, ...more] = rest;
      if (what === 'post') return (await import('./commands/new-post.js')).runNewPost(more, io);
      if (what === 'site') return (await import('./commands/new-site.js')).runNewSite(more, io);
      if (what === '--help' || what === '-h') {
        io.out(`${newPostUsage}\n\n${newSiteUsage}`);
        return 0;
      }
      throw new UsageError(what ? `Unknown thing to create: "${what}".` : 'Say what to create: post or site.', `${newPostUsage}\n\n${newSiteUsage}`);
    }
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.out(mainUsage);
      return command === undefined ? 2 : 0;
    case '--version':
    case '-v':
      io.out(version());
      return 0;
    default:
      throw new UsageError(unknownCommand(command), mainUsage);
  }
}

/**
 * Run the CLI with `args` (without `node` and the script) and return the exit code.
 * Never throws: every failure is printed.
 */
export async function runCli(args: readonly string[], io: CliIo = processIo): Promise<number> {
  const debug = args.includes('--debug');
  try {
    return await dispatch(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`sectorpress: ${error.message}\n\n${error.usage}`);
      return 2;
    }
    if (error instanceof BuildFailedError) {
      reportProblems(io, error.problems, { warnings: true });
      const count = error.problems.filter((problem) => problem.severity === 'error').length;
      io.err(`Build failed with ${count} error${count === 1 ? '' : 's'}; the previous output was left as it was.`);
      return error.exitCode;
    }
    if (debug && error instanceof Error) io.err(error.stack ?? error.message);
    else io.err(`sectorpress: unexpected error: ${error instanceof Error ? error.message : String(error)}\n  Run again with --debug to see where it happened, and please report it.`);
    return 1;
  }
}

export { buildUsage, cleanUsage, devUsage, themeUsage };

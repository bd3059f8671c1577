#!/usr/bin/env node
// Thin launcher over the compiled dist/: the package ships it; a clone compiles it with `npm run build`.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (existsSync(cli)) {
  const { runCli } = await import(cli.href);
  process.exitCode = await runCli(process.argv.slice(2));
} else {
  console.error('sectorpress: dist/ is not compiled yet.\n  → In a clone of the repository, run `npm run build` first.');
  process.exitCode = 1;
}

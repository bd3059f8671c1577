#!/usr/bin/env node
// Thin launcher so the package's bin works from a fresh clone once `prepare` has compiled dist/.
import { runCli } from '../dist/cli.js';

process.exitCode = await runCli(process.argv.slice(2));

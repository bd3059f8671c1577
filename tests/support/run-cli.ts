/** Run the CLI in-process with captured output (the same `runCli` the `sectorpress` binary calls). */
import { runCli } from '../../src/cli.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCliCaptured(args: readonly string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text), interactive: false });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

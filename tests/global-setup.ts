// CLI tests spawn `bin/sectorpress.js`, which runs the compiled `dist/`; compile once per run
// so they always exercise the current source. tsc still emits when there are type errors, so a
// type error is reported loudly here but does not hide the behavioural failures behind it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  // Both test projects (vitest.config.ts) run this; one compile serves the run.
  if (process.env.SECTORPRESS_TEST_DIST === 'compiled') return;
  process.env.SECTORPRESS_TEST_DIST = 'compiled';
  const root = fileURLToPath(new URL('..', import.meta.url));
  try {
    execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (error) {
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
    console.error(`\n*** TypeScript reported errors while compiling dist/ (CLI tests use it):\n${output}`);
  }
}

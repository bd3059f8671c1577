#!/usr/bin/env node
// What the dev server pays per edited body: one body through the Markdown stage in the warm
// worker (the default) and on the main thread (`workers: 0`), after a first call that starts
// the worker and warms the parser. Uses the compiled dist/ (run `npm run build` first).
//
//   node bench/markdown-round-trip.mjs [--calls 30]
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const calls = args.includes('--calls') ? Number(args[args.indexOf('--calls') + 1]) : 30;
const { renderMarkdownJobs } = await import(path.join(repo, 'dist', 'markdown', 'render-markdown-jobs.js'));
const config = { root: repo, configFile: undefined, markdown: { remarkPlugins: [], rehypePlugins: [], sanitize: false, timeoutMs: 10_000, maxBodyBytes: 20_000_000 } };
const body = `Intro with a [link](https://example.org/) and *emphasis*.\n\n## Section\n\n${'Words of an ordinary post. '.repeat(150)}`;
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

for (const [name, workers] of [
  ['warm worker', undefined],
  ['main thread', 0],
]) {
  const times = [];
  for (let call = 0; call <= calls; call += 1) {
    const start = performance.now();
    await renderMarkdownJobs([{ id: 'a.md', body: `${body}${call}`, bodyLine: 1, digest: String(call) }], config, { cache: false, workers });
    if (call > 0) times.push(performance.now() - start);
  }
  console.log(`${name}: median ${median(times).toFixed(2)} ms per body over ${calls} calls`);
}

#!/usr/bin/env node
// The Markdown stage alone on N generated bodies: plain unified + remark-gfm on one thread
// (the floor the peers' harness calls "unified alone"), sectorpress's stage on one thread, and
// the stage on worker threads. No cache, no front matter, no pages: only Markdown → HTML.
// Uses the compiled dist/ (run `npm run build` first).
//
//   node bench/markdown-threads.mjs [--posts 4000] [--runs 3] [--workers N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { generate } from './gen-corpus.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const posts = option('--posts', 4000);
const runs = option('--runs', 3);
const workers = option('--workers', os.availableParallelism());

const stageModule = path.join(repo, 'dist', 'markdown', 'render-markdown-jobs.js');
if (!fs.existsSync(stageModule)) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(2);
}
const { renderMarkdownJobs } = await import(stageModule);

/** Bodies of the bench corpus (generated once, seeded, shared with run-bench.mjs). */
function loadBodies(count) {
  const site = path.join(repo, 'bench', '.work', `corpus-${count}`);
  const folder = path.join(site, 'posts');
  if (!fs.existsSync(folder) || fs.readdirSync(folder).length !== count) generate(count, site, 1);
  return fs
    .readdirSync(folder)
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(folder, name), 'utf8');
      const end = text.indexOf('\n---\n', 4);
      return { id: `posts/${name}`, body: text.slice(end + 5), bodyLine: 1, digest: name };
    });
}

/** Wall and CPU seconds (CPU covers every thread of this process) of one async call. */
async function time(run) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6, result };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const jobs = loadBodies(posts);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-md-bench-'));
const config = { root, markdown: { remarkPlugins: [], rehypePlugins: [] } };
const reference = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeSlug).use(rehypeStringify, { allowDangerousHtml: true }).freeze();

const variants = [
  [
    'unified + remark-gfm, 1 thread (floor)',
    async () => {
      for (const job of jobs) reference.stringify(reference.runSync(reference.parse(job.body)));
    },
  ],
  ['sectorpress stage, main thread', () => renderMarkdownJobs(jobs, config, { cache: false, workers: 0 })],
  [`sectorpress stage, ${workers} worker threads`, () => renderMarkdownJobs(jobs, config, { cache: false, workers })],
];

const rows = [];
for (const [name, run] of variants) {
  const samples = [];
  for (let index = 0; index < runs; index += 1) samples.push(await time(run));
  rows.push({ name, wall: median(samples.map((sample) => sample.wall)), cpu: median(samples.map((sample) => sample.cpu)), last: samples.at(-1).result });
}
fs.rmSync(root, { recursive: true, force: true });

// The two stage variants must agree byte for byte; a benchmark of a wrong answer is worthless.
const [, single, threaded] = rows;
const differing = jobs.filter((job) => single.last.value.byId.get(job.id)?.html !== threaded.last.value.byId.get(job.id)?.html);
const [cpu0] = os.cpus();
console.log(`\n${posts} bodies, Node ${process.version}, ${os.availableParallelism()} CPUs (${cpu0?.model ?? '?'}), load ${os.loadavg()[0].toFixed(2)}, medians of ${runs}\n`);
console.log('| variant | wall s | CPU s | bodies/s |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of rows) console.log(`| ${row.name} | ${row.wall.toFixed(2)} | ${row.cpu.toFixed(2)} | ${Math.round(posts / row.wall)} |`);
console.log(`\nworkers vs main thread: ${(single.wall / threaded.wall).toFixed(2)}× faster; output ${differing.length === 0 ? 'identical' : `DIFFERS for ${differing.length} bodies`}`);
if (differing.length > 0) process.exitCode = 1;

#!/usr/bin/env node
// Where a build's time goes, stage by stage: `build().timings` for a cold build (no caches),
// then — after a build that fills the caches — one post edited, then nothing changed.
// Uses the compiled dist/ (run `npm run build` first).
//
//   node bench/stage-timings.mjs [--posts 4000]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { editPost, generate } from './gen-corpus.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const posts = args.includes('--posts') ? Number(args[args.indexOf('--posts') + 1]) : 4000;
const { build } = await import(path.join(repo, 'dist', 'index.js'));

const site = path.join(repo, 'bench', '.work', `stages-${posts}`);
fs.rmSync(site, { recursive: true, force: true });
generate(posts, site, 1);
const outDir = path.join(site, '_site');
const rows = {};
const run = async (name, cache) => {
  const result = await build({ root: site, outDir, now: '2025-07-01T00:00:00Z', cache });
  rows[name] = { ...result.timings, pages: result.counts.pagesRendered };
};
await run('cold', false);
await run('prime', true);
editPost(path.join(site, 'posts', fs.readdirSync(path.join(site, 'posts')).sort()[0]), 7);
await run('edit', true);
await run('warm', true);

console.log(`\n${posts} posts: build().timings in ms\n`);
console.log('| stage | cold | one post edited | nothing changed |');
console.log('| --- | ---: | ---: | ---: |');
for (const stage of ['load', 'entries', 'markdown', 'model', 'theme', 'reuse', 'render', 'feeds', 'write', 'total', 'pages']) {
  const label = stage === 'pages' ? 'pages rendered' : stage;
  console.log(`| ${label} | ${['cold', 'edit', 'warm'].map((name) => rows[name][stage] ?? '—').join(' | ')} |`);
}
fs.rmSync(site, { recursive: true, force: true });

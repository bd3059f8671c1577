#!/usr/bin/env node
// How the model stage (tags, related posts, archives) grows with the number of posts: ratios of
// build times within one run, not absolute times, so a loaded machine moves both sides alike.
// Linear growth gives about 10× from 1,000 to 10,000 posts, quadratic about 100×; a ratio over 30
// exits 1. Uses the compiled dist/ (`npm run build`).
//
//   node bench/model-scaling.mjs     (also run by `npm run bench -- --only model`)
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../dist/config/load-config.js';
import { buildSite } from '../dist/model/build-site.js';
import { postEntry } from './post-entry.mjs';

const LIMIT = 30;
const NOW = new Date('2030-01-01T00:00:00Z');
const config = (await loadConfig(mkdtempSync(path.join(os.tmpdir(), 'sp-scaling-')), {})).value;

function timeBuild(count, tagsFor) {
  const entries = Array.from({ length: count }, (_, index) => postEntry(index, tagsFor(index)));
  const started = performance.now();
  buildSite({ config, posts: entries, pages: [], events: [], rendered: new Map(), data: { data: {}, authors: new Map() } }, { drafts: false, future: false, now: NOW });
  return performance.now() - started;
}

/** Tag i drawn with weight 1/(i+1)^0.85, 1–4 tags a post, as in ../shared/bench/gen-corpus.mjs: best matches share rare tag combinations. */
function longTail(index) {
  const weights = Array.from({ length: 60 }, (_, i) => 1 / (i + 1) ** 0.85);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let seed = index + 1;
  const next = () => {
    seed = (seed * 16_807) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  next();
  const draw = () => {
    let left = next() * total;
    const at = weights.findIndex((weight) => (left -= weight) < 0);
    return `topic ${at < 0 ? 59 : at}`;
  };
  const wanted = 1 + Math.floor(next() * 4);
  const chosen = new Set();
  while (chosen.size < wanted) chosen.add(draw());
  return [...chosen];
}

/** @type {Array<[string, number, number, (index: number) => string[]]>} */
const cases = [
  ['a few popular tags', 1000, 10_000, (index) => ['children’s services', `topic ${index % 60}`, ...(index % 3 === 0 ? ['Ofsted'] : [])]],
  ['1–4 of 60 long-tailed tags', 1000, 10_000, longTail],
  ['20,000 tags', 2000, 20_000, (index) => [`tag ${index % 20_000}`, `tag ${(index * 7) % 20_000}`]],
];

let failed = 0;
for (const [name, smallSize, largeSize, tags] of cases) {
  timeBuild(smallSize, tags); // warm up
  const small = Math.min(timeBuild(smallSize, tags), timeBuild(smallSize, tags));
  const large = timeBuild(largeSize, tags);
  const ratio = large / small;
  if (ratio >= LIMIT) failed += 1;
  console.log(`model, ${name}: ${smallSize} → ${largeSize} posts ×${ratio.toFixed(1)} (linear ≈ ${largeSize / smallSize}, limit ${LIMIT})${ratio >= LIMIT ? '  TOO SLOW' : ''}`);
}
process.exitCode = failed > 0 ? 1 : 0;

#!/usr/bin/env node
// Peak memory and time of building a one-post site whose lead image and body show one
// 8000 × 6000 JPEG (generated here with sharp), cold (every variant encoded) and warm (all from
// the image cache), beside the same site with `images: false`. Uses the compiled dist/ through
// the CLI (run `npm run build` first) and GNU time for peak RSS.
//
//   node bench/image-memory.mjs [--width 8000 --height 6000]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => Number(args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const width = option('--width', 8000);
const height = option('--height', 6000);
const site = path.join(repo, 'bench', '.work', 'image-memory');
const cli = path.join(repo, 'bin', 'sectorpress.js');

fs.rmSync(site, { recursive: true, force: true });
fs.mkdirSync(path.join(site, 'static', 'images'), { recursive: true });
fs.mkdirSync(path.join(site, 'posts'), { recursive: true });
const photo = path.join(site, 'static', 'images', 'big-photo.jpg');
// Blurred noise compresses like a photograph (a flat colour would make a tiny, unrealistic file).
await sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 200 }, noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
  .blur(1.2)
  .jpeg({ quality: 85 })
  .toFile(photo);
fs.writeFileSync(
  path.join(site, 'posts', '2025-06-01-big-photo.md'),
  '---\ntitle: A very large photo\nsummary: s\nimage: /images/big-photo.jpg\nimageAlt: Noise\n---\n\n![The same photo in the body](/images/big-photo.jpg)\n',
);

function measure(label, config) {
  fs.writeFileSync(path.join(site, 'sectorpress.config.json'), JSON.stringify({ title: 'Bench', url: 'https://bench.example.org', ...config }));
  const run = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M', process.execPath, cli, 'build', site, '--now', '2025-07-01T00:00:00Z', '--quiet'], { encoding: 'utf8' });
  const match = /__TIME__ ([\d.]+) (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !match) throw new Error(`build failed:\n${run.stderr}`);
  console.log(`${label.padEnd(34)} ${match[1].padStart(6)} s   peak RSS ${(Number(match[2]) / 1024).toFixed(0).padStart(5)} MiB`);
}

console.log(`${width} × ${height} JPEG, ${(fs.statSync(photo).size / 1048576).toFixed(1)} MB`);
measure('images: false', { images: false });
measure('cold (every variant encoded)', {});
measure('warm (variants from the cache)', {});
const variants = fs.readdirSync(path.join(site, '_site', '_images'));
console.log(`${variants.length} variants, largest ${(Math.max(...variants.map((name) => fs.statSync(path.join(site, '_site', '_images', name)).size)) / 1024) | 0} KiB`);

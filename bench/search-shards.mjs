// Pagefind time and peak RSS of its process per shard size, on the bench corpus's posts as records.
// usage: node bench/search-shards.mjs POSTS_DIR SHARD_SIZE   (0 = one index; POSTS_DIR from ../shared/bench/gen-corpus.mjs)
// Records are the posts' raw Markdown text, sharded as the build shards them (a hash of the URL);
// each shard is indexed in turn through the same Pagefind service, as src/search/index-shards.ts does.
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import * as pagefind from 'pagefind';
const [dir, sizeArg] = process.argv.slice(2);
const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.md')).sort();
const records = await Promise.all(
  files.map(async (f) => {
    const text = await fs.readFile(path.join(dir, f), 'utf8');
    const body = text.replace(/^---[\s\S]*?---/, '').replace(/[#*_>`[\]()]/g, ' ');
    const title = /title:\s*"?(.+?)"?\s*$/m.exec(text)?.[1] ?? f;
    return { url: `/${f.replace(/\.md$/, '')}/`, content: `${title}. ${body}`, language: 'en', meta: { title } };
  }),
);
const size = Number(sizeArg);
let k = 1;
while (size > 0 && k < Math.ceil(records.length / size)) k *= 2;
/** @type {(typeof records)[]} */
const shards = Array.from({ length: k }, () => []);
for (const r of records) shards[k === 1 ? 0 : createHash('sha256').update(r.url).digest().readUInt32BE(0) % k].push(r);
let peak = 0;
const sample = () => {
  for (const pid of findChildren()) {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      if (kb > peak) peak = kb;
    } catch {}
  }
};
function findChildren() {
  try {
    return readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
}
const timer = setInterval(sample, 100);
const started = performance.now();
const perShard = [];
for (const shard of shards) {
  const t = performance.now();
  peak = 0;
  const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error('Pagefind did not start');
  await Promise.all(shard.map((r) => index.addCustomRecord(r)));
  const { files: out } = await index.getFiles();
  await index.deleteIndex();
  sample();
  perShard.push({ records: shard.length, seconds: ((performance.now() - t) / 1000).toFixed(1), peakMiB: Math.round(peak / 1024), files: out.length });
}
clearInterval(timer);
await pagefind.close();
console.log(
  JSON.stringify({ shardSize: size || 'off', shards: k, totalSeconds: ((performance.now() - started) / 1000).toFixed(1), maxPeakMiB: Math.max(...perShard.map((s) => s.peakMiB)), perShard }),
);

// How busy each thread of one build was, from the V8 CPU profiles `node --cpu-prof` writes (one
// per thread: the main thread, then each worker). A thread's busy time is its samples that are
// not `(idle)`; its share is that over the main thread's span (the whole build), so a worker
// started late or stopped early counts as idle for the rest of the build.
//
//   node bench/thread-shares.mjs PROFILE_DIR
import fs from 'node:fs';
import path from 'node:path';

/** One row per profile file: thread label, busy ms, busy share of the build, GC share of its busy time. */
export function threadShares(dir) {
  const files = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .sort((a, b) => Number(a.split('.').at(-3)) - Number(b.split('.').at(-3)));
  const profiles = files.map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  const span = Math.max(...profiles.map((profile) => profile.endTime - profile.startTime));
  return profiles.map((profile, at) => {
    const name = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
    let idle = 0;
    let gc = 0;
    let total = 0;
    profile.samples.forEach((id, sample) => {
      const delta = profile.timeDeltas[sample] ?? 0;
      total += delta;
      if (name.get(id) === '(idle)') idle += delta;
      if (name.get(id) === '(garbage collector)') gc += delta;
    });
    const busy = total - idle;
    return { thread: at === 0 ? 'main' : `worker ${at}`, busyMs: busy / 1000, busyShare: busy / span, gcShare: busy > 0 ? gc / busy : 0 };
  });
}

/** `main 61% busy (gc 9%), worker 1 …` */
export function formatShares(rows) {
  return rows
    .map(
      (row) => `${row.thread} ${(row.busyShare * 100).toFixed(0)}% busy, ${(100 - row.busyShare * 100).toFixed(0)}% idle (${(row.busyMs / 1000).toFixed(1)} s, gc ${(row.gcShare * 100).toFixed(0)}%)`,
    )
    .join('; ');
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) console.log(formatShares(threadShares(process.argv[2])));

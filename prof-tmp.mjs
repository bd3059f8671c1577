import { createPageScanner } from './dist/check/scan-page.js';
import fg from 'fast-glob'; import fs from 'node:fs';
const dir = process.argv[2];
const files = fg.sync('**/*.html', { cwd: dir }).sort().slice(0, 400).map(f => [f, fs.readFileSync(dir + '/' + f, 'utf8')]);
const scan = createPageScanner();
for (const [f, s] of files.slice(0, 50)) await scan('w' + f, s);
const t = process.cpuUsage();
for (const [f, s] of files) await scan(f, s);
const u = process.cpuUsage(t); console.log(((u.user + u.system) / 1000 / files.length).toFixed(2), 'cpu ms/page', files.reduce((a, [, s]) => a + s.length, 0) / files.length, 'bytes avg');

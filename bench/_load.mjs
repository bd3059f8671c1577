const { loadConfig } = await import('../dist/config/load-config.js');
const { loadContent } = await import('../dist/content/load-content.js');
const root = process.argv[2];
const cfg = (await loadConfig(root, {})).value;
for (let i = 0; i < 2; i++) {
  const t = performance.now(); const c0 = process.cpuUsage();
  const r = await loadContent(cfg);
  const c = process.cpuUsage(c0);
  console.log('load', Math.round(performance.now() - t), 'ms cpu', Math.round((c.user + c.system) / 1000), 'sys', Math.round(c.system / 1000), r.value.posts.length, 'rss', Math.round(process.memoryUsage().rss / 2 ** 20));
}

const { loadConfig } = await import('../dist/config/load-config.js');
const { loadContent } = await import('../dist/content/load-content.js');
const { readEntries } = await import('../dist/content/read-entries.js');
const { parseFrontMatter } = await import('../dist/content/front-matter.js');
const root = process.argv[2];
const config = (await loadConfig(root, {})).value ?? (await loadConfig(root, {}));
const cfg = config.value ?? config;
const sources = (await loadContent(cfg)).value;
for (let round = 0; round < 3; round++) {
  let t = performance.now();
  readEntries({ posts: sources.posts, pages: sources.pages, events: sources.events }, cfg);
  const all = performance.now() - t; t = performance.now();
  for (const f of sources.posts) { const end = f.text.indexOf('\n---', 4); parseFrontMatter(f.text.slice(0, end + 4) + '\n', f.path); }
  console.log('readEntries', Math.round(all), 'parseFrontMatter only', Math.round(performance.now() - t), sources.posts.length);
}

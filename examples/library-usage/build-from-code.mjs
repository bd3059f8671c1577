// Build the example blog from code: a custom remark plugin, a custom Handlebars helper used by a
// one-file theme override, and settings given in code over the site's own config file.
//
//   node examples/library-usage/build-from-code.mjs [output folder]
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, loadSite } from 'sectorpress';

const root = fileURLToPath(new URL('../children-services-blog', import.meta.url));
const outDir = process.argv[2] ?? path.join(os.tmpdir(), 'sectorpress-library-usage');
const now = '2026-11-22T12:00:00Z';

/** A remark plugin: every blockquote gets `data-kind="quote"` in the HTML, so a theme can style pull quotes. */
function markQuotes() {
  return (tree) => {
    const visit = (node) => {
      if (node.type === 'blockquote') node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), 'data-kind': 'quote' } };
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree);
  };
}

/** A Handlebars helper: `{{wordCount 1234}}` → "1,234 words" (used by theme/partials/post-meta.hbs here). */
function wordCount(count) {
  return `${new Intl.NumberFormat('en-GB').format(Number(count))} words`;
}

const config = {
  title: 'Northmoor Children’s Services (built from code)',
  // A partial theme: files here win over the default theme's, everything else is inherited.
  theme: fileURLToPath(new URL('./theme', import.meta.url)),
  markdown: { remarkPlugins: [markQuotes] },
  helpers: { wordCount },
};

// The model alone, nothing written: what a script would use to report on or check a site.
const { site } = await loadSite({ root, now, config });
const words = site.posts.reduce((sum, post) => sum + post.wordCount, 0);
console.log(`Model: ${site.posts.length} posts, ${site.tags.length} tags, ${site.authors.length} authors, ${site.events.upcoming.length} upcoming events, ${wordCount(words)}`);
if (site.nextEvent) console.log(`Next event: ${site.nextEvent.title} (${site.nextEvent.start.toISOString()})`);

// The whole site, written to outDir.
const result = await build({ root, outDir, now, cache: false, config });
console.log(`Built ${result.counts.posts} posts into ${result.files.length} files in ${result.outDir} (${result.problems.length} warnings, ${result.timings.total} ms)`);

// Build the example blog from code: a custom remark plugin (numbered "Recommendation N:" paragraphs
// get a class) and a custom Handlebars helper, without touching the site's own config file.
//
//   node examples/library-usage/build-from-code.mjs [output folder]
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'sectorpress';

const site = fileURLToPath(new URL('../children-services-blog', import.meta.url));
const outDir = process.argv[2] ?? path.join(os.tmpdir(), 'sectorpress-library-usage');

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

const result = await build({
  root: site,
  outDir,
  now: '2026-11-22T12:00:00Z',
  cache: false,
  config: {
    title: 'Northmoor Children’s Services (built from code)',
    markdown: { remarkPlugins: [markQuotes] },
    // Used by nothing in the default theme; a fork could write {{shout config.title}}.
    helpers: { shout: (text) => String(text).toUpperCase() },
  },
});

console.log(`Built ${result.counts.posts} posts into ${result.files.length} files in ${outDir} (${result.timings.total} ms)`);

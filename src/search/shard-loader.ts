/**
 * `pagefind/shards.js`: what the search page loads instead of `pagefind/pagefind.js` when the
 * index is split into shards (docs/search.md). It offers the part of Pagefind's API the theme's
 * search.js uses (`options`, `search`, plus `debouncedSearch`, `preload` and `filters`), loads the
 * first shard that holds the page's language and merges the others that do into it
 * (`mergeIndex`), so one search ranks the results of every shard. Shards without the page's
 * language are left out: Pagefind would fall back to another language's index.
 */
import { SEARCH_FOLDER, type IndexFile } from './index-records.js';

/** The loader's path in the output. */
const SHARD_LOADER = `${SEARCH_FOLDER}/shards.js`;

const source = (count: number): string => `// Made by sectorpress: loads the ${count} shards of this site's search index as one (docs/search.md).
const here = new URL('./', import.meta.url).pathname;
const bundles = [here, ...Array.from({ length: ${count - 1} }, (_, at) => \`\${here}shard-\${at + 1}/\`)];
let settings = {};
let loaded;

async function holds(bundle, language) {
  try {
    const { languages } = await (await fetch(\`\${bundle}pagefind-entry.json\`)).json();
    return Boolean(languages[language] || languages[language.split('-')[0]]);
  } catch {
    return false;
  }
}

async function open() {
  const language = (document.documentElement.lang || 'unknown').toLowerCase();
  const holding = await Promise.all(bundles.map((bundle) => holds(bundle, language)));
  const [primary = here, ...others] = bundles.filter((_, at) => holding[at]);
  const pagefind = await import(\`\${primary}pagefind.js\`);
  await pagefind.options(settings);
  for (const bundle of others) await pagefind.mergeIndex(bundle, settings);
  return pagefind;
}

const load = () => (loaded ??= open());

export async function options(value) {
  settings = { ...settings, ...value };
  if (loaded) await (await loaded).options(value);
}
export const search = async (term, value) => (await load()).search(term, value);
export const debouncedSearch = async (term, value, wait) => (await load()).debouncedSearch(term, value, wait);
export const preload = async (term, value) => (await load()).preload(term, value);
export const filters = async () => (await load()).filters();
`;

/** The loader for an index of `count` shards (none for one bundle: the page loads `pagefind.js` itself). */
export function shardLoaderFiles(count: number): IndexFile[] {
  return count > 1 ? [{ path: SHARD_LOADER, contents: new TextEncoder().encode(source(count)) }] : [];
}

// A post entry as the content stage hands it to the model: for the model's tests and its scaling bench.

/**
 * Post number `index`, an hour after the one before it, with `tags`.
 * @param {number} index
 * @param {readonly string[]} tags
 * @returns {import('../src/content/types.js').PostEntry}
 */
export function postEntry(index, tags) {
  const relativePath = `posts/p-${String(index).padStart(6, '0')}.md`;
  return {
    kind: 'post',
    source: { path: `/site/${relativePath}`, relativePath, digest: String(index) },
    title: `Post ${index}`,
    body: '',
    bodyLine: 1,
    summary: 's',
    date: new Date(Date.UTC(2020, 0, 1) + index * 3_600_000),
    updated: undefined,
    tags,
    authorKeys: [],
    slug: `p-${index}`,
    draft: false,
    image: undefined,
    imageAlt: undefined,
    permalink: undefined,
    positions: {},
  };
}

/**
 * Media after the posts are staged: copy or download every file the posts use into `static/`, then point
 * the staged posts (body and `image:`) at the new paths. A file that cannot be had is a report line.
 */
import { parseDocument } from 'yaml';
import { rewriteMediaUrls } from './convert-post-html.js';
import { fetchMedia, type MediaOptions, missingMediaAction } from './media-fetch.js';
import { serialiseEntry } from './serialise-entry.js';
import type { SiteStaging } from './site-staging.js';
import type { ImportWarning } from './types.js';

/** Split a staged entry file into its front matter (in written order) and its body. */
function splitEntry(text: string): { frontMatter: Record<string, unknown>; markdown: string } {
  const end = text.indexOf('\n---\n', 3);
  const yaml = text.slice(4, end + 1);
  return { frontMatter: (parseDocument(yaml).toJS() ?? {}) as Record<string, unknown>, markdown: text.slice(end + 5) };
}

/**
 * Fetch `media` (URL → the first post that uses it) for the site being staged and relink the staged posts.
 * Resolves to how many files were had and a warning for each that was not.
 */
export async function relinkMedia(staging: SiteStaging, media: ReadonlyMap<string, string>, options: MediaOptions): Promise<{ copied: number; warnings: ImportWarning[] }> {
  const urls = [...media.keys()].sort();
  const result = await fetchMedia(urls, staging.siteFolder, { ...options, staging });
  const warnings = result.missing.map((missing) => ({
    source: media.get(missing.url) ?? missing.url,
    message: `uses ${missing.url}, which could not be had (${missing.reason}).`,
    action: missingMediaAction(missing, options.download),
  }));
  if (result.mapping.size === 0) return { copied: 0, warnings };
  for (const file of staging.files()) {
    if (!file.startsWith('posts/') && !file.startsWith('pages/')) continue;
    const { frontMatter, markdown } = splitEntry(await staging.read(file));
    const image = typeof frontMatter.image === 'string' ? result.mapping.get(frontMatter.image) : undefined;
    const relinked = rewriteMediaUrls(markdown, result.mapping);
    if (!image && relinked === markdown) continue;
    await staging.write(file, serialiseEntry({ frontMatter: image ? { ...frontMatter, image } : frontMatter, markdown: relinked }));
  }
  return { copied: new Set(result.mapping.values()).size, warnings };
}

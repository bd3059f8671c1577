/** TEMPORARY stand-in for import-content's convertPostHtml / fetchMedia (deleted when that branch is merged). */
export interface ConvertedPost {
  markdown: string;
  media: string[];
  unknownShortcodes: string[];
  warnings: string[];
}
export function convertPostHtml(html: string, _options: { classic: boolean; siteUrl: string }, _attachments?: ReadonlyMap<string, { url: string; alt?: string; caption?: string }>): ConvertedPost {
  const markdown = html.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '').trim();
  const media = [...markdown.matchAll(/<img[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1] ?? '');
  return { markdown, media, unknownShortcodes: [], warnings: [] };
}
export function rewriteMediaUrls(markdown: string, mapping: ReadonlyMap<string, string>): string {
  let result = markdown;
  for (const [from, to] of mapping) result = result.split(from).join(to);
  return result;
}
export async function fetchMedia(urls: readonly string[], _siteFolder: string, _options: { siteUrl: string; mediaFolder?: string; download?: boolean }): Promise<{ mapping: Map<string, string>; missing: { url: string; reason: string }[] }> {
  return { mapping: new Map(), missing: urls.map((url) => ({ url, reason: 'not fetched yet' })) };
}

/** URL slugs: lower case ASCII, apostrophes dropped, accents transliterated, runs of anything else → one hyphen. */
import slugifyLibrary from '@sindresorhus/slugify';

/**
 * @example
 * slugify("Children's services"); // 'childrens-services'
 * slugify('Café – Ofsted ’24'); // 'cafe-ofsted-24'
 */
export function slugify(text: string): string {
  const withoutApostrophes = text.replace(/['’‘`]/g, '');
  return slugifyLibrary(withoutApostrophes, { decamelize: false, customReplacements: [['&', ' and ']] })
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A slug that is safe as one URL segment as written. */
export function isSafeSlug(slug: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug);
}

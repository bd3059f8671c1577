/** Front-matter `slug` and `permalink` values that could reach outside the output folder are refused. */

/** Percent-decoded form, or the text as written when it is not valid percent-encoding. */
function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What is wrong with a path as written (and once percent-decoded), or `undefined`. */
function pathDanger(text: string): string | undefined {
  for (const form of [text, decodePercent(text), decodePercent(decodePercent(text))]) {
    if (form.includes('\0')) return 'contains a NUL character';
    if (form.includes('\\')) return 'contains a backslash';
    if (/(^|\/)\.\.?(\/|$)/.test(form) || form.includes('..')) return 'contains `..`';
  }
  if (/%2e|%2f|%5c|%00/i.test(text)) return 'contains a percent-encoded `.`, `/`, `\\` or NUL';
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return 'is a full URL with a scheme';
  if (text.startsWith('//')) return 'is a protocol-relative URL';
  if (/[\u0000-\u001f\u007f]/.test(text)) return 'contains a control character';
  return undefined;
}

/**
 * Why a written `permalink` is unsafe, or `undefined` when it is a plain site path.
 *
 * @example
 * permalinkDanger('/news/special/'); // undefined
 * permalinkDanger('/../../etc/'); // 'contains `..`'
 */
export function permalinkDanger(permalink: string): string | undefined {
  if (permalink.trim() === '') return 'is empty';
  return pathDanger(permalink);
}

/**
 * Why a written `slug` is unsafe (a slug is one URL segment), or `undefined`.
 *
 * @example
 * slugDanger('our-plan'); // undefined
 * slugDanger('a/b'); // 'contains `/`'
 */
export function slugDanger(slug: string): string | undefined {
  const danger = pathDanger(slug);
  if (danger) return danger;
  if (slug.includes('/')) return 'contains `/`';
  return undefined;
}

/** `news/special` → `/news/special/`: permalinks are site paths with a leading slash. */
export function normalisePermalink(permalink: string): string {
  const trimmed = permalink.trim();
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/**
 * What an import may put into `static/`: media and document types only, told by their bytes, under names that
 * are safe on every system. Everything in `static/` is published on the new site's own origin, so a `.html`,
 * `.js` or `.svg` (SVG is XML that can carry script and is run when opened) would be active content there, and a
 * `.htaccess` would reconfigure an Apache server. Those are never taken; other types only when the user asks.
 */

/** First bytes of each accepted type (`?` is any byte). */
type Signature = readonly (number | '?')[];

function ascii(text: string, at = 0): Signature {
  return [...Array<'?'>(at).fill('?'), ...[...text].map((char) => char.charCodeAt(0))];
}

const JPEG: Signature[] = [[0xff, 0xd8, 0xff]];
const PNG: Signature[] = [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]];
const GIF: Signature[] = [ascii('GIF87a'), ascii('GIF89a')];
const WEBP: Signature[] = [[...ascii('RIFF'), '?', '?', '?', '?', ...ascii('WEBP')]];
const ISO_MEDIA: Signature[] = [ascii('ftyp', 4)];
const OGG: Signature[] = [ascii('OggS')];
const ZIP: Signature[] = [[0x50, 0x4b, 0x03, 0x04]];
const OLE: Signature[] = [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]];

/** Images a feed may name without a file extension. */
const IMAGE_SIGNATURES: readonly Signature[] = [...JPEG, ...PNG, ...GIF, ...WEBP, ...ISO_MEDIA];

/** The media and document types WordPress and feeds link, by extension. */
const ACCEPTED: Record<string, readonly Signature[]> = {
  jpg: JPEG,
  jpeg: JPEG,
  jpe: JPEG,
  png: PNG,
  gif: GIF,
  webp: WEBP,
  avif: ISO_MEDIA,
  heic: ISO_MEDIA,
  pdf: [ascii('%PDF-')],
  mp3: [ascii('ID3'), [0xff, 0xfb], [0xff, 0xf3], [0xff, 0xf2], [0xff, 0xfa]],
  mp4: ISO_MEDIA,
  m4a: ISO_MEDIA,
  m4v: ISO_MEDIA,
  mov: ISO_MEDIA,
  ogg: OGG,
  oga: OGG,
  ogv: OGG,
  opus: OGG,
  wav: [[...ascii('RIFF'), '?', '?', '?', '?', ...ascii('WAVE')]],
  webm: [[0x1a, 0x45, 0xdf, 0xa3]],
  docx: ZIP,
  xlsx: ZIP,
  pptx: ZIP,
  odt: ZIP,
  ods: ZIP,
  odp: ZIP,
  doc: OLE,
  xls: OLE,
  ppt: OLE,
  rtf: [ascii('{\\rtf')],
};

/** Active content on the site's origin or server configuration: refused even when asked for. */
const NEVER = /^(?:html?|xht(?:ml)?|shtml|svgz?|xml|xslt?|m?js|cjs|php\d?|phtml|phar|aspx?|jsp|cgi|pl|py|sh|swf|htaccess|htpasswd)$/i;

/** Windows cannot make these (whatever the extension), nor names ending in a dot or a space. */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i;

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * Why the `/`-separated `file` may not be written, or undefined when it may: dot segments and dot files,
 * control, bidi and other format characters (a right-to-left override makes `gpj.exe` read as `exe.jpg`),
 * characters and names Windows refuses, and types that are neither media nor documents (`extraTypes` adds some).
 */
export function fileNameRefusal(file: string, extraTypes: readonly string[] = []): string | undefined {
  for (const segment of file.split(/[\\/]/)) {
    if (segment === '' || segment === '.' || segment === '..') return 'unsafe file path';
    if (segment.startsWith('.')) return `a hidden file (${segment})`;
    if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(segment)) return 'control or text-direction characters in the name';
    if (/[<>:"|?*]/.test(segment) || /[. ]$/.test(segment) || WINDOWS_RESERVED.test(segment)) return 'a name Windows cannot use';
  }
  const extension = extensionOf(file.split('/').at(-1) ?? '');
  if (NEVER.test(extension)) return `.${extension} files can run script or change the server, so they are never imported`;
  if (!extension) return 'no file type in the name';
  if (!(extension in ACCEPTED) && !extraTypes.map((type) => type.toLowerCase().replace(/^\./, '')).includes(extension)) {
    return `.${extension} is not a media or document type (allow it with --allow-type ${extension})`;
  }
  return undefined;
}

function matches(head: Uint8Array, signature: Signature): boolean {
  return signature.every((byte, index) => byte === '?' || head[index] === byte);
}

/** Whether the bytes begin like a web page (what a login or error page sent with 200 looks like). */
function looksLikeWebPage(head: Uint8Array): boolean {
  return /^(?:\ufeff)?\s*</.test(new TextDecoder().decode(head.subarray(0, 64)));
}

/**
 * Why the bytes beginning `head` are not what the name `file` says, or undefined when they are. A name with no
 * extension must hold an image; a type the user allowed (`--allow-type`) has no known signature and passes.
 */
export function contentRefusal(file: string, head: Uint8Array): string | undefined {
  const extension = extensionOf(file.split('/').at(-1) ?? '');
  const signatures = extension ? ACCEPTED[extension] : IMAGE_SIGNATURES;
  if (!signatures || signatures.some((signature) => matches(head, signature))) return undefined;
  if (looksLikeWebPage(head)) return 'the server sent a web page, not the file';
  return extension ? `its bytes are not a .${extension} file` : 'its bytes are not an image';
}

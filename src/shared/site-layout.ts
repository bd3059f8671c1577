/**
 * The layout of a site folder, written out once: which folder holds which kind of
 * source, where static files, theme overrides and the output go, and the config
 * file names. Loading, the dev watcher, `new post`, `theme eject` and `clean` read
 * it from here, so a folder is renamed in one place.
 */

/** A content kind and the files it is read from, relative to the site folder. */
export interface ContentFolder {
  readonly kind: 'post' | 'page' | 'event' | 'data';
  readonly folder: string;
  /** False when only files directly in the folder count (`data/authors.yml`, not `data/x/y.yml`). */
  readonly nested: boolean;
  readonly extensions: readonly string[];
}

export const CONTENT_FOLDERS: readonly ContentFolder[] = [
  { kind: 'post', folder: 'posts', nested: true, extensions: ['md'] },
  { kind: 'page', folder: 'pages', nested: true, extensions: ['md'] },
  { kind: 'event', folder: 'events', nested: true, extensions: ['md'] },
  { kind: 'data', folder: 'data', nested: false, extensions: ['yml', 'yaml', 'json'] },
];

/** The folder of one content kind: `contentFolder('post')` → `posts`. */
export function contentFolder(kind: ContentFolder['kind']): string {
  return (CONTENT_FOLDERS.find((source) => source.kind === kind) as ContentFolder).folder;
}

/** The body `sectorpress new post` writes: a build warns while a published post still holds it. */
export const NEW_POST_PLACEHOLDER = 'Write the post here.';

/** Copied to the output byte for byte, dotfiles included (`.well-known/`). */
export const STATIC_FOLDER = 'static';
/** The site's own theme overrides: the highest-priority theme layer, and where `theme eject` copies to. */
export const THEME_FOLDER = 'theme';
/** Where the build writes unless `outDir` says otherwise. */
export const DEFAULT_OUTPUT_FOLDER = '_site';

/** System and version-control files that are never part of a site, not even under `static/` (fast-glob patterns). */
export const NEVER_SITE_FILES: readonly string[] = ['**/.DS_Store', '**/Thumbs.db', '**/.git/**'];

const NEVER = /(^|\/)(\.DS_Store|Thumbs\.db|\.git)(\/|$)/;
/** A dotfile or dot-folder segment (`.git`, `.swp`, an interrupted build's `.tmp` folder), not `.` or `..` themselves. */
const DOT_SEGMENT = /(^|\/)(\.[^/.]|\.\.[^/])/;
const NODE_MODULES = /(^|\/)node_modules(\/|$)/;

/**
 * Whether a build never reads this site-relative posix path: the files above anywhere; and,
 * outside `static/` (where dotfiles are kept, for `.well-known/`), dotfiles and `node_modules`.
 * The watcher uses it so that it watches exactly what the build reads.
 *
 * @example
 * isIgnoredSitePath('posts/.draft.md.swp'); // true
 * isIgnoredSitePath('static/.well-known/security.txt'); // false
 */
export function isIgnoredSitePath(relativePath: string): boolean {
  if (NEVER.test(relativePath)) return true;
  if (relativePath.startsWith(`${STATIC_FOLDER}/`)) return false;
  return DOT_SEGMENT.test(relativePath) || NODE_MODULES.test(relativePath);
}

/** Config file names in the order they are looked for; the first found is used. */
export const CONFIG_FILE_NAMES: readonly string[] = ['ts', 'mts', 'js', 'mjs', 'json'].map((extension) => `sectorpress.config.${extension}`);
/** What `theme eject` writes when a site has no config file yet. */
export const JSON_CONFIG_FILE = 'sectorpress.config.json';

/**
 * The fast-glob pattern of a content folder's files.
 *
 * @example
 * contentPattern(CONTENT_FOLDERS[3]); // 'data/*.{yml,yaml,json}'
 */
export function contentPattern(source: ContentFolder): string {
  const extensions = source.extensions.length === 1 ? source.extensions[0] : `{${source.extensions.join(',')}}`;
  return `${source.folder}/${source.nested ? '**/' : ''}*.${extensions}`;
}

/**
 * The content folder a site-relative posix path belongs to, or `undefined` for any
 * other file (static files, theme files, config).
 *
 * @example
 * contentFolderOf('posts/2024/hello.md')?.kind; // 'post'
 * contentFolderOf('data/extra/x.yml'); // undefined
 */
export function contentFolderOf(relativePath: string): ContentFolder | undefined {
  return CONTENT_FOLDERS.find((source) => {
    if (!relativePath.startsWith(`${source.folder}/`)) return false;
    const rest = relativePath.slice(source.folder.length + 1);
    if (!source.nested && rest.includes('/')) return false;
    const dot = rest.lastIndexOf('.');
    return dot > 0 && source.extensions.includes(rest.slice(dot + 1));
  });
}

/** Whether a site-relative path names a config file. */
export function isConfigFile(relativePath: string): boolean {
  return CONFIG_FILE_NAMES.includes(relativePath);
}

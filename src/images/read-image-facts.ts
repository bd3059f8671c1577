/**
 * The size, format and content hash of each image the site uses. Measuring reads only the
 * file's header (sharp), hashing reads the file once; both are remembered by the file's
 * identity (size, mtime, inode) in memory and in the cache folder, so a warm build or a
 * rebuild only stats the files.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { StaticFile } from '../content/types.js';
import { cacheFolder } from '../shared/cache-folder.js';
import { identityOf, sameIdentity, type FileIdentity } from '../shared/file-identity.js';
import { forEachLimited } from '../shared/for-each-limited.js';
import { loadSharp } from './load-sharp.js';
import type { ImageFormat } from './types.js';

/** What is known about one image file. */
export interface ImageFacts {
  readonly file: StaticFile;
  /** sha256 of the bytes, hex, first 16 characters. */
  readonly hash: string;
  /** Displayed size (EXIF rotation applied); 0 when it cannot be read (the image is then left as written). */
  readonly width: number;
  readonly height: number;
  readonly format: ImageFormat | undefined;
  /** Whether it carries EXIF, XMP, IPTC or text comments (a photo's place, camera, names): see strip-metadata.ts. */
  readonly metadata: boolean;
}

interface Remembered {
  readonly identity: FileIdentity;
  readonly hash: string;
  readonly width: number;
  readonly height: number;
  readonly format: ImageFormat | undefined;
  /** Absent in indexes of earlier versions: such entries are measured again. */
  readonly metadata?: boolean;
}

/** Facts by absolute path, as kept between runs and builds. */
export type FactsIndex = Map<string, Remembered>;

const FORMATS: Readonly<Record<string, ImageFormat>> = { jpeg: 'jpeg', jpg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif', svg: 'svg', heif: 'avif', avif: 'avif' };

function indexFile(root: string): string {
  return path.join(cacheFolder(root), 'images-index.json');
}

/** The index the last build left (empty when there is none or it cannot be read). */
export async function readFactsIndex(root: string): Promise<FactsIndex> {
  try {
    const stored = JSON.parse(await fs.readFile(indexFile(root), 'utf8')) as [string, Remembered][];
    return new Map(stored);
  } catch {
    return new Map();
  }
}

/** Keep the facts of exactly the images this build used. */
export async function writeFactsIndex(root: string, index: FactsIndex): Promise<void> {
  await fs.mkdir(cacheFolder(root), { recursive: true });
  const temp = `${indexFile(root)}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temp, JSON.stringify([...index]));
  await fs.rename(temp, indexFile(root));
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 16);
}

async function measure(file: string): Promise<Pick<Remembered, 'width' | 'height' | 'format' | 'metadata'>> {
  try {
    const sharp = await loadSharp();
    const meta = await sharp(file).metadata();
    const turned = (meta.orientation ?? 1) >= 5;
    const width = meta.width ?? 0;
    const height = meta.height ?? 0;
    const metadata = Boolean(meta.exif || meta.xmp || meta.iptc || meta.tifftagPhotoshop || (meta.comments?.length ?? 0) > 0 || (meta.orientation ?? 1) !== 1);
    return { width: turned ? height : width, height: turned ? width : height, format: FORMATS[meta.format ?? ''], metadata };
  } catch {
    return { width: 0, height: 0, format: undefined, metadata: false };
  }
}

/**
 * Facts for `files`, reading only files whose identity changed since `index` saw them.
 * `index` is updated in place and then holds exactly these files. A file that cannot be
 * read is left out (the caller treats it as missing).
 */
export async function readImageFacts(files: readonly StaticFile[], index: FactsIndex): Promise<{ facts: Map<string, ImageFacts>; changed: boolean }> {
  const facts = new Map<string, ImageFacts>();
  let changed = false;
  await forEachLimited(files, 8, async (file) => {
    const stats = await fs.stat(file.path).catch(() => undefined);
    if (!stats?.isFile()) return;
    const identity = identityOf(stats);
    let known = index.get(file.path);
    if (!known || !sameIdentity(known.identity, identity) || known.metadata === undefined) {
      known = { identity, hash: await hashFile(file.path), ...(await measure(file.path)) };
      index.set(file.path, known);
      changed = true;
    }
    facts.set(file.outputPath, { file, hash: known.hash, width: known.width, height: known.height, format: known.format, metadata: known.metadata ?? false });
  });
  const used = new Set(files.map((file) => file.path));
  for (const key of index.keys())
    if (!used.has(key)) {
      index.delete(key);
      changed = true;
    }
  return { facts, changed };
}

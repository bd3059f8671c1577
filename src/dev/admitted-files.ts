/**
 * The dev server reads static files when they are requested, long after the build admitted
 * them (admit-path.ts). A file swapped for a link since then must not be served: the file is
 * opened, and its bytes are read only if the opened file is the one that was admitted.
 */
import { constants, promises as fs } from 'node:fs';
import { identityOf, sameIdentity, type FileIdentity } from '../shared/file-identity.js';

/** Never wait on a FIFO swapped in for a file; never follow a link at the last step when there is no identity to check. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * The bytes of `file` if it is still what was admitted as `identity` (same device, inode,
 * size and modification time, checked on the opened file itself, so nothing can be swapped
 * between the check and the read); `undefined` otherwise, or when it cannot be read. Without
 * an identity, only a regular file that is not a link is read.
 */
export async function readAdmitted(file: string, identity: FileIdentity | undefined): Promise<Uint8Array | undefined> {
  const handle = await fs.open(file, identity ? OPEN_FLAGS : OPEN_FLAGS | NO_FOLLOW).catch(() => undefined);
  if (!handle) return undefined;
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || (identity !== undefined && !sameIdentity(identityOf(stats), identity))) return undefined;
    return await handle.readFile();
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/**
 * A file held open so that texts stored in it can be read back at any time, with synchronous
 * reads (a body's `html` is a getter, read while a page renders). The descriptor is closed once
 * the last reader of the file is garbage, so whatever replaces or removes the file meanwhile
 * (a cache shard rewritten by this very build, a spool unlinked as soon as it is open), the
 * bytes a reader was given stay the ones it reads.
 */
import { closeSync, fstatSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';

interface Held {
  readonly fd: number;
  /** A path to remove when the descriptor is closed (a spool that could not be unlinked while open). */
  removeOnClose: string | undefined;
}

const closeOnCollect = new FinalizationRegistry<Held>((held) => {
  try {
    closeSync(held.fd);
    if (held.removeOnClose) unlinkSync(held.removeOnClose);
  } catch {
    // Already closed or removed: nothing to release.
  }
});

/** Lone surrogates do not survive UTF-8: texts holding one must be kept some other way. */
const SURROGATE = /[\uD800-\uDFFF]/;

/** True when `text` comes back the same from UTF-8 bytes. */
export const survivesUtf8 = (text: string): boolean => !SURROGATE.test(text) || Buffer.from(text, 'utf8').toString('utf8') === text;

export class HeldFile {
  private scratch = Buffer.alloc(64 * 1024);

  private constructor(private readonly held: Held) {
    closeOnCollect.register(this, held);
  }

  /** `file` opened with `flags` (`'r'` or `'w+'`), or `undefined` when it cannot be. */
  static open(file: string, flags: 'r' | 'w+'): HeldFile | undefined {
    try {
      return new HeldFile({ fd: openSync(file, flags), removeOnClose: undefined });
    } catch {
      return undefined;
    }
  }

  /** Remove the file's name now if the platform allows it (the bytes live on while it is open), else when it is closed. */
  unlinkNow(file: string): void {
    try {
      unlinkSync(file);
    } catch {
      // Windows keeps an open file's name: it is removed when the descriptor is closed.
      this.held.removeOnClose = file;
    }
  }

  /** The file's size in bytes now. */
  size(): number {
    return fstatSync(this.held.fd).size;
  }

  /**
   * `use` applied to up to `length` bytes at `at` (fewer only at the end of the file). The bytes are
   * valid only inside `use`: they sit in a buffer the next read reuses, so no read allocates.
   */
  withBytes<T>(at: number, length: number, use: (bytes: Buffer) => T): T {
    // A read longer than the scratch buffer gets its own: a file held for long keeps only the small one.
    const into = length <= this.scratch.length ? this.scratch : Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const got = readSync(this.held.fd, into, done, length - done, at + done);
      if (got === 0) break;
      done += got;
    }
    return use(into.subarray(0, done));
  }

  /** The UTF-8 text of `length` bytes at `at`; throws when the file is shorter. */
  readText(at: number, length: number): string {
    return this.withBytes(at, length, (bytes) => {
      if (bytes.length < length) throw new Error('A stored text was cut short: the file was changed by something else.');
      return bytes.toString('utf8');
    });
  }

  /**
   * Write `text` as UTF-8 at `at` and return its length in bytes. Straight from the string: a buffer
   * per text (100,000 bodies) would be freed only by a later collection, and the freed memory is seldom
   * given back to the system.
   */
  writeText(text: string, at: number): number {
    const length = Buffer.byteLength(text, 'utf8');
    const written = writeSync(this.held.fd, text, at, 'utf8');
    if (written < length) this.writeBytes(Buffer.from(text, 'utf8').subarray(written), at + written);
    return length;
  }

  /** Write all of `bytes` at `at`. */
  writeBytes(bytes: Uint8Array, at: number): void {
    for (let done = 0; done < bytes.length; ) done += writeSync(this.held.fd, bytes, done, bytes.length - done, at + done);
  }
}

/**
 * Rendered bodies kept on disk rather than in memory, for a build that runs once (`build()`):
 * at 100,000 posts their HTML is most of a gigabyte, held through the Markdown stage beside the
 * source texts and then through the whole build, though each body is read only by its own page,
 * the feeds that list it and its search shard. A spooled body's `html` is read back from the file
 * whenever it is asked for (the operating system's file cache makes that cheap), so every reader
 * sees the same string as before and nothing else changes.
 *
 * The file is unlinked as soon as it is open where the platform allows, so no crash leaves it
 * behind; the descriptor is closed when the last body that reads from it is garbage.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { RenderedMarkdown } from './types.js';

interface Spooled {
  fd: number;
  file: string;
  unlinked: boolean;
}

const closeOnCollect = new FinalizationRegistry<Spooled>((held) => {
  try {
    closeSync(held.fd);
    if (!held.unlinked) unlinkSync(held.file);
  } catch {
    // Already closed or removed: nothing to release.
  }
});

/** Lone surrogates do not survive UTF-8; the few bodies that hold one stay in memory. */
const SURROGATE = /[\uD800-\uDFFF]/;

const survivesUtf8 = (html: string): boolean => !SURROGATE.test(html) || Buffer.from(html, 'utf8').toString('utf8') === html;

export class BodySpool {
  private end = 0;
  private scratch = Buffer.alloc(64 * 1024);

  private constructor(private readonly held: Spooled) {
    closeOnCollect.register(this, held);
  }

  /** A spool file in `folder` (made if missing), or `undefined` when none can be made there (bodies then stay in memory). */
  static open(folder: string): BodySpool | undefined {
    try {
      mkdirSync(folder, { recursive: true });
      const file = path.join(folder, `bodies-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
      const held: Spooled = { fd: openSync(file, 'w+'), file, unlinked: false };
      try {
        unlinkSync(file);
        held.unlinked = true;
      } catch {
        // Windows keeps an open file's name: it is removed when the descriptor is closed.
      }
      return new BodySpool(held);
    } catch {
      return undefined;
    }
  }

  /** `body` with its HTML on disk: `html` is read back from the spool each time it is read. */
  keep(body: RenderedMarkdown): RenderedMarkdown {
    const { html, ...facts } = body;
    if (html.length === 0 || !survivesUtf8(html)) return body;
    const bytes = Buffer.from(html, 'utf8');
    const at = this.end;
    for (let done = 0; done < bytes.length; ) done += writeSync(this.held.fd, bytes, done, bytes.length - done, at + done);
    const length = bytes.length;
    this.end += length;
    // The closure holds the spool, so the file stays open while any body may still be read.
    const read = (): string => this.read(at, length);
    return {
      ...facts,
      get html(): string {
        return read();
      },
    };
  }

  private read(at: number, length: number): string {
    if (this.scratch.length < length) this.scratch = Buffer.alloc(Math.max(length, this.scratch.length * 2));
    let done = 0;
    while (done < length) {
      const got = readSync(this.held.fd, this.scratch, done, length - done, at + done);
      if (got === 0) throw new Error('The spooled Markdown body was cut short.');
      done += got;
    }
    return this.scratch.toString('utf8', 0, length);
  }
}

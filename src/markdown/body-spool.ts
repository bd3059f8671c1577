/**
 * Rendered bodies kept on disk rather than in memory, for a build that runs once (`build()`):
 * at 100,000 posts their HTML is most of a gigabyte, held through the Markdown stage beside the
 * source texts and then through the whole build, though each body is read only by its own page,
 * the feeds that list it and its search shard. A spooled body's `html` is read back from the file
 * whenever it is asked for (the operating system's file cache makes that cheap), so every reader
 * sees the same string as before and nothing else changes. Bodies taken from the Markdown cache
 * are on disk already (markdown-cache.ts) and are not spooled.
 *
 * The file is unlinked as soon as it is open where the platform allows, so no crash leaves it
 * behind; the descriptor is closed when the last body that reads from it is garbage.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { HeldFile, survivesUtf8 } from '../shared/held-file.js';
import { readOnDemand } from './read-on-demand.js';
import type { RenderedMarkdown } from './types.js';

export class BodySpool {
  private end = 0;

  private constructor(private readonly file: HeldFile) {}

  /** A spool file in `folder` (made if missing), or `undefined` when none can be made there (bodies then stay in memory). */
  static open(folder: string): BodySpool | undefined {
    try {
      mkdirSync(folder, { recursive: true });
    } catch {
      return undefined;
    }
    const name = path.join(folder, `bodies-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    const file = HeldFile.open(name, 'w+');
    file?.unlinkNow(name);
    return file && new BodySpool(file);
  }

  /** `body` with its HTML on disk: `html` is read back from the spool each time it is read. */
  keep(body: RenderedMarkdown): RenderedMarkdown {
    const { html, ...facts } = body;
    if (html.length === 0 || !survivesUtf8(html)) return body;
    const at = this.end;
    const length = this.file.writeText(html, at);
    this.end += length;
    // The closure holds the spool's file, so it stays open while any body may still be read.
    const { file } = this;
    return readOnDemand(facts, () => file.readText(at, length));
  }
}

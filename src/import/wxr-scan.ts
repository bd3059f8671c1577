/**
 * The first pass over an export: what posts need from elsewhere in the file (attachments come after the
 * posts that use them; authors and the channel come first), and whether there is anything to import.
 * It reads the whole file, so a truncated or damaged export fails here, before anything is written.
 */
import path from 'node:path';
import { slugify } from '../shared/slug.js';
import type { Attachment } from './post-entry.js';
import { htmlToLine } from './plain-text.js';
import type { ImportWarning } from './types.js';
import type { NotUtf8Place } from './xml-decoder.js';
import { readWxr, type WxrChannelFields } from './wxr-reader.js';
import { readAuthor, readItem, type WxrItem } from './wxr-records.js';

/** What the first pass found. */
export interface WxrScan {
  readonly channel: WxrChannelFields;
  /** Author key → display name, in export order. */
  readonly authors: Record<string, { name: string }>;
  /** WordPress login → author key. */
  readonly authorKeys: Map<string, string>;
  /** Attachment post ID → URL, alt text, caption. */
  readonly attachments: Map<string, Attachment>;
  /** Posts and pages (any status). */
  readonly entries: number;
  /** What the report should say about the file itself (bytes that are not UTF-8). */
  readonly warnings: readonly ImportWarning[];
}

/** Post types that become entries; everything else (attachments, menus, templates, blocks) is not a post. */
export function isEntry(item: WxrItem): boolean {
  return (item.type === 'post' || item.type === 'page') && !['trash', 'auto-draft', 'inherit'].includes(item.status);
}

function attachmentOf(item: WxrItem): Attachment {
  const alt = htmlToLine(item.meta.get('_wp_attachment_image_alt') ?? '');
  const caption = htmlToLine(item.excerpt);
  const parent = item.parent && item.parent !== '0' ? { parent: item.parent } : {};
  return { url: item.attachmentUrl || item.guid, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}), ...parent };
}

/** One warning per located place of bytes that are not UTF-8, and one for the rest. */
function notUtf8Warnings(file: string, places: readonly NotUtf8Place[], count: number): ImportWarning[] {
  const shown = path.relative(process.cwd(), file) || file;
  const action =
    'If the export was saved in another encoding (Latin-1, Windows-1252), change encoding="UTF-8" in its first line to that encoding (e.g. encoding="windows-1252") and import again; otherwise correct the text where “�” shows.';
  const warnings = places.map((place) => ({
    source: `${shown}:${place.line}:${place.column}`,
    message: 'These bytes are not UTF-8, though the export says it is UTF-8; they were imported as “�”.',
    action,
  }));
  if (count > places.length) warnings.push({ source: shown, message: `${count - places.length} more places in the export are not UTF-8 either.`, action });
  return warnings;
}

/** Read `file` once; rejects with a `WxrReadError` when it is not a usable export. */
export async function scanWxr(file: string): Promise<WxrScan> {
  const warnings: ImportWarning[] = [];
  const scan: WxrScan = { channel: {}, authors: {}, authorKeys: new Map(), attachments: new Map(), entries: 0, warnings };
  let entries = 0;
  const channel = await readWxr(
    file,
    (node) => {
      const author = readAuthor(node);
      if (author) {
        const key = slugify(author.login) || `author-${scan.authorKeys.size + 1}`;
        scan.authorKeys.set(author.login, key);
        scan.authors[key] = { name: htmlToLine(author.displayName) || author.login };
        return;
      }
      const item = readItem(node);
      if (item?.type === 'attachment') scan.attachments.set(item.id, attachmentOf(item));
      else if (item && isEntry(item)) entries += 1;
    },
    (places, count) => warnings.push(...notUtf8Warnings(file, places, count)),
  );
  return { ...scan, channel, entries };
}

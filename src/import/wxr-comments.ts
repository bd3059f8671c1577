/** Approved comments → read-only front-matter data: name, date, text, site. Never e-mail or IP. */
import { htmlToLine, htmlToText } from './plain-text.js';
import type { ImportedComment } from './types.js';
import { isoUtc } from './wxr-dates.js';
import type { WxrComment } from './wxr-records.js';

/** Only approved reader comments (not pingbacks or trackbacks), oldest first as exported. */
export function readComments(comments: readonly WxrComment[], zone: string): ImportedComment[] {
  const kept: ImportedComment[] = [];
  for (const comment of comments) {
    if (!comment.approved || (comment.type !== '' && comment.type !== 'comment')) continue;
    const text = htmlToText(comment.content);
    const date = isoUtc(comment.dateGmt, comment.date, zone);
    if (!text || !date) continue;
    const url = /^https?:\/\/[^\s]+$/i.test(comment.authorUrl) ? comment.authorUrl : undefined;
    kept.push({ name: htmlToLine(comment.author) || 'Anonymous', date, text, ...(url ? { url } : {}) });
  }
  return kept;
}

/**
 * Front-matter and data text loses C0 control characters (except tab and newline) on the
 * way in: no output format can show them, and HTML and XML forbid most of them.
 */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function cleanText(text: string): string {
  return text.replace(CONTROLS, '');
}

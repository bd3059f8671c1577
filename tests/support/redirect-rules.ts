/**
 * Small parsers for the three redirect rules files (`_redirects`, `redirects.htaccess`,
 * `redirects.nginx.conf`), splitting lines and fields the way each server does, so a test can check
 * that exactly the intended rules come out of a file.
 */
import { expect } from 'vitest';

/** Line ends as any of the three servers (or a tool reading the file) might take them. */
const LINES = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;

const rulesLines = (text: string): string[] =>
  text
    .split(LINES)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

export interface NetlifyRule {
  readonly from: string;
  readonly conditions: string[];
  readonly to: string;
  readonly status: string;
}

/** `_redirects`: one rule a line, fields split on whitespace, `from [name=value…] to status`. */
export function parseNetlify(text: string): NetlifyRule[] {
  return rulesLines(text).map((line) => {
    const fields = line.split(/\s+/u);
    return { from: fields[0] ?? '', conditions: fields.slice(1, -2), to: fields.at(-2) ?? '', status: fields.at(-1) ?? '' };
  });
}

export interface ApacheRule {
  readonly conditions: string[][];
  readonly rule: string[];
}

/** `redirects.htaccess`: `RewriteEngine On`, then `RewriteCond`s each closed by a `RewriteRule`; arguments split on whitespace. */
export function parseApache(text: string): ApacheRule[] {
  const [engine, ...lines] = rulesLines(text).map((line) => line.split(/\s+/u));
  expect(engine).toEqual(['RewriteEngine', 'On']);
  const rules: ApacheRule[] = [];
  let conditions: string[][] = [];
  for (const [directive, ...args] of lines) {
    if (directive === 'RewriteCond') conditions.push(args);
    else if (directive === 'RewriteRule') {
      rules.push({ conditions, rule: args });
      conditions = [];
    } else throw new Error(`not a rewrite directive: ${directive}`);
  }
  expect(conditions).toEqual([]);
  return rules;
}

/** nginx tokens: words, `"…"` strings (backslash escapes), `{`, `}`, `;`; `#` starts a comment. */
function nginxTokens(text: string): string[] {
  const tokens: string[] = [];
  let at = 0;
  while (at < text.length) {
    const character = text[at] as string;
    if (/\s/u.test(character)) at += 1;
    else if (character === '#') at = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
    else if ('{};'.includes(character)) {
      tokens.push(character);
      at += 1;
    } else if (character === '"') {
      let value = '';
      at += 1;
      while (at < text.length && text[at] !== '"') {
        if (text[at] === '\\') at += 1;
        value += text[at] ?? '';
        at += 1;
      }
      tokens.push(`"${value}`);
      at += 1;
    } else {
      const word = /^[^\s{};"]+/u.exec(text.slice(at))?.[0] ?? character;
      tokens.push(word);
      at += word.length;
    }
  }
  return tokens;
}

export interface NginxRule {
  readonly kind: 'location' | 'if';
  /** The exact path, or the regex matched against `$request_uri`. */
  readonly match: string;
  readonly to: string;
}

/** `redirects.nginx.conf`: only `location = "…" { return 301 "…"; }` and `if ($request_uri ~ "…") { return 301 "…"; }`. */
export function parseNginx(text: string): NginxRule[] {
  const tokens = nginxTokens(text);
  const rules: NginxRule[] = [];
  const string = (token: string | undefined): string => {
    expect(token?.startsWith('"')).toBe(true);
    return (token ?? '').slice(1);
  };
  while (tokens.length > 0) {
    const head = tokens.splice(0, tokens[0] === 'location' ? 3 : 5);
    const body = tokens.splice(0, 6);
    expect([body[0], body[1], body[2], body[4], body[5]]).toEqual(['{', 'return', '301', ';', '}']);
    if (head[0] === 'location') {
      expect(head[1]).toBe('=');
      rules.push({ kind: 'location', match: string(head[2]), to: string(body[3]) });
    } else {
      expect([head[0], head[1], head[2], head[4]]).toEqual(['if', '($request_uri', '~', ')']);
      rules.push({ kind: 'if', match: string(head[3]), to: string(body[3]) });
    }
  }
  return rules;
}

/** A regex from a rules file tried on a URL's bytes, as Apache and nginx match (`\xHH` is a byte). */
export const matchesBytes = (pattern: string, address: string): boolean => new RegExp(pattern).test(Buffer.from(address, 'utf8').toString('latin1'));

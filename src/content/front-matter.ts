/** Split a Markdown file into YAML front matter and body, keeping positions for messages. */
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { errorProblem, type Problem } from '../shared/errors.js';
import type { SourcePosition } from '../shared/source-position.js';

export interface FrontMatter {
  readonly data: Readonly<Record<string, unknown>>;
  readonly body: string;
  /** 1-based line of the file where the body starts. */
  readonly bodyLine: number;
  /** Per top-level key: where its value starts (or the key, for empty values), in file coordinates. */
  readonly positions: Readonly<Record<string, SourcePosition>>;
  /** Per top-level key whose value is a list: where each item starts (for `redirects`, `comments`). */
  readonly items?: Readonly<Record<string, readonly SourcePosition[]>>;
  readonly problems: readonly Problem[];
}

/** Aliases allowed per document; a "billion laughs" file hits this long before it expands. */
const MAX_ALIAS_COUNT = 100;

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

function fail(file: string, message: string, hint: string, line: number, column: number, code = 'front-matter/yaml'): FrontMatter {
  return { data: {}, body: '', bodyLine: 1, positions: {}, problems: [errorProblem({ code, message, hint, file, line, column })] };
}

/** What YAML parsing gives for one front-matter block: the same for the same YAML text, so it can be kept between builds. */
export interface ParsedYaml {
  readonly data: Readonly<Record<string, unknown>>;
  readonly positions: Readonly<Record<string, SourcePosition>>;
  readonly items: Readonly<Record<string, readonly SourcePosition[]>>;
}

/**
 * Where parsed YAML may be remembered: `parseFrontMatter` asks it before parsing, and tells it
 * each block parsed without problems (front-matter-cache.ts keeps them on disk).
 */
export interface YamlMemo {
  recall(yamlText: string): ParsedYaml | undefined;
  remember(yamlText: string, parsed: ParsedYaml): void;
}

/** The YAML between the fences → data and positions, or the problem (positions in file coordinates: the fence is line 1). */
function parseYaml(yamlText: string, file: string): ParsedYaml | FrontMatter {
  const counter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter: counter, uniqueKeys: true, prettyErrors: false, strict: true });
  const toFile = (offset: number): SourcePosition => {
    const at = counter.linePos(offset);
    return { line: at.line + 1, column: at.col };
  };
  const error = document.errors[0];
  if (error) {
    const at = toFile(error.pos[0]);
    const duplicate = error.code === 'DUPLICATE_KEY';
    return fail(
      file,
      `${duplicate ? 'A key appears twice in the front matter' : 'The front matter is not valid YAML'}: ${error.message.split('\n')[0]}`,
      duplicate ? 'Remove one of the two keys.' : 'Check indentation, colons and quotes on this line (quote values containing `: ` or starting with `[`, `{`, `*` or `&`).',
      at.line,
      at.column,
    );
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (caught) {
    return fail(file, `The front matter could not be read: ${caught instanceof Error ? caught.message : String(caught)}`, 'Remove the YAML anchors and aliases (`&name`, `*name`).', 2, 1);
  }
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    return fail(file, 'The front matter must be a set of `key: value` lines.', 'Write e.g. `title: My post` between the `---` lines.', 2, 1, 'front-matter/shape');
  }
  const positions: Record<string, SourcePosition> = {};
  const items: Record<string, SourcePosition[]> = {};
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const value = pair.value as { range?: [number, number, number] } | null;
      positions[String(pair.key.value)] = toFile(value?.range?.[0] ?? pair.key.range[0]);
      const list = pair.value;
      if (isSeq(list)) items[String(pair.key.value)] = list.items.map((item) => toFile((item as { range?: [number, number, number] } | null)?.range?.[0] ?? list.range?.[0] ?? 0));
    }
  }
  return { data: (data ?? {}) as Record<string, unknown>, positions, items };
}

/**
 * @param text File text with BOM removed and line endings normalised to `\n`.
 * @param file Site-relative path, for messages.
 * @param memo Parsed YAML kept from earlier builds (parsing is most of reading an entry).
 */
export function parseFrontMatter(text: string, file: string, memo?: YamlMemo): FrontMatter {
  // Only the front matter is split into lines; bodies can be megabytes long.
  const firstEnd = text.indexOf('\n');
  if (!FENCE.test(firstEnd < 0 ? text : text.slice(0, firstEnd))) return { data: {}, body: text, bodyLine: 1, positions: {}, problems: [] };
  const lines: string[] = [];
  let closing = -1;
  for (let start = 0; start <= text.length; ) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    if (lines.length > 0 && CLOSE.test(line)) {
      closing = lines.length;
      lines.push(line);
      break;
    }
    lines.push(line);
    if (end < 0) break;
    start = end + 1;
  }
  if (closing < 0) {
    return fail(file, 'The front matter opened with `---` is never closed.', 'Add a line containing only `---` after the front matter.', 1, 1, 'front-matter/unclosed');
  }
  const yamlText = lines.slice(1, closing).join('\n');
  let parsed = memo?.recall(yamlText);
  if (!parsed) {
    const fresh = parseYaml(yamlText, file);
    if ('problems' in fresh) return fresh;
    memo?.remember(yamlText, fresh);
    parsed = fresh;
  }
  const bodyStart = lines.slice(0, closing + 1).reduce((length, line) => length + line.length + 1, 0);
  return { ...parsed, body: text.slice(bodyStart), bodyLine: closing + 2, problems: [] };
}

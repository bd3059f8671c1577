/** Read one config file (JSON, or JS/TS through jiti) into a plain value, with positions where known. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import type { SourcePosition } from '../shared/source-position.js';
import { errorProblem, staged, type Staged } from '../shared/errors.js';

/** A config file's exported value and where its top-level keys are (JSON only). */
export interface ConfigFileValue {
  readonly value: unknown;
  readonly positions: ReadonlyMap<string, SourcePosition>;
}

const JSON_HINT = 'Check the commas, quotes and brackets near this position (JSON allows no trailing commas or comments).';

/** Line and column of a 0-based offset in `text`, both 1-based. */
function positionAt(text: string, offset: number): SourcePosition {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Node's JSON errors say "at position N" (Node 20) or "(line L column C)" (Node 22+). */
function jsonErrorPosition(text: string, message: string): SourcePosition {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const offset = /position (\d+)/.exec(message);
  if (offset) return positionAt(text, Number(offset[1]));
  return positionAt(text, text.length);
}

function keyPositions(text: string): Map<string, SourcePosition> {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  const positions = new Map<string, SourcePosition>();
  if (!isMap(document.contents)) return positions;
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const at = counter.linePos(pair.key.range[0]);
    positions.set(String(pair.key.value), { line: at.line, column: at.col });
  }
  return positions;
}

/** Parse a JSON config strictly; errors carry line and column. */
function parseJsonConfig(text: string, relative: string): Staged<ConfigFileValue | undefined> {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  try {
    const value: unknown = JSON.parse(clean);
    return staged({ value, positions: keyPositions(clean) });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    const at = jsonErrorPosition(clean, reason);
    return staged(undefined, [errorProblem({ code: 'config/syntax', message: `The config file is not valid JSON: ${reason}`, hint: JSON_HINT, file: relative, ...at })]);
  }
}

/** `sectorpress` imports in a config resolve to this package, installed in the site or not. */
function defineConfigModule(): string {
  const own = fileURLToPath(import.meta.url);
  return path.join(path.dirname(own), `define-config${path.extname(own)}`);
}

/** jiti reports syntax errors as "ParseError: …\n /path/file.ts:L:C" with C counted from 0 (Babel's); keep only what helps, counted from 1. */
function describeLoadError(error: unknown, file: string): { reason: string; line?: number; column?: number } {
  const message = error instanceof Error ? error.message : String(error);
  const first = (message.split('\n')[0] ?? '').trim() || 'unknown error';
  const located = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`).exec(message);
  return located ? { reason: first, line: Number(located[1]), column: Number(located[2]) + 1 } : { reason: first };
}

async function importModule(file: string, relative: string): Promise<Staged<ConfigFileValue | undefined>> {
  const jiti = createJiti(file, { fsCache: false, moduleCache: false, alias: { sectorpress: defineConfigModule() } });
  let loaded: unknown;
  try {
    loaded = await jiti.import(file);
  } catch (error) {
    const { reason, line, column } = describeLoadError(error, file);
    const hint = 'Fix the error in the config file (run it with --debug for the stack trace).';
    return staged(undefined, [errorProblem({ code: 'config/load', message: `The config file could not be loaded: ${reason}`, hint, file: relative, line, column })]);
  }
  const namespace = loaded as Record<string, unknown> | null;
  if (namespace === null || typeof namespace !== 'object' || !('default' in namespace)) {
    return staged(undefined, [
      errorProblem({ code: 'config/no-default', message: 'The config file has no default export.', hint: 'End it with `export default defineConfig({ … })`.', file: relative }),
    ]);
  }
  return staged({ value: namespace.default, positions: new Map() });
}

/**
 * Load `file` (absolute). Never throws: an unreadable, malformed or throwing config
 * becomes an error problem naming `relative`.
 */
export async function readConfigFile(file: string, relative: string): Promise<Staged<ConfigFileValue | undefined>> {
  if (!file.endsWith('.json')) return importModule(file, relative);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return staged(undefined, [errorProblem({ code: 'config/read', message: `The config file cannot be read (${code}).`, hint: 'Check the file permissions.', file: relative })]);
  }
  return parseJsonConfig(text, relative);
}

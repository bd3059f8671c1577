/** Flag parsing on top of node:util `parseArgs`, turning its exceptions into usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io.js';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedFlags {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

export function parseFlags(args: readonly string[], options: FlagSpec, usage: string): ParsedFlags {
  try {
    const parsed = parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), usage);
  }
}

/** A flag that must be a number in a range, e.g. `--port`. */
export function numberFlag(value: string | boolean | undefined, name: string, usage: string): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) throw new UsageError(`--${name} must be a whole number, got ${JSON.stringify(value)}.`, usage);
  return number;
}

export function stringFlag(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Flag parsing on top of node:util `parseArgs`, turning its exceptions into usage errors in our words. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { suggestName } from '../config/suggest-name.js';
import { UsageError } from './cli-io.js';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedFlags {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** Parse `args` against `options` (every command also accepts `-h`/`--help`); bad flags throw a `UsageError`. */
export function parseFlags(args: readonly string[], options: FlagSpec, usage: string): ParsedFlags {
  const known: FlagSpec = { ...options, help: { type: 'boolean', short: 'h' } };
  try {
    const parsed = parseArgs({ args: [...args], options: known, allowPositionals: true, strict: true });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(explainFlagError(error, known), usage);
  }
}

/** Node's parser speaks of "positional arguments" and `--`; say what went wrong and what was probably meant. */
function explainFlagError(error: unknown, known: FlagSpec): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
    const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
    const nearest = flag.startsWith('--') ? suggestName(name, Object.keys(known)) : undefined;
    return `Unknown flag ${flag}.${nearest ? ` Did you mean --${nearest}?` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    const name = flag.replace(/^-+/, '');
    const spec = known[name] ?? Object.values(known).find((option) => `-${option.short}` === flag);
    return spec?.type === 'boolean' ? `${flag} takes no value.` : `${flag} needs a value, e.g. ${flag} VALUE.`;
  }
  return message;
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

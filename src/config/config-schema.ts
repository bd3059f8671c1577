/** What each config field must be, as small checkers that return a reason or `undefined`. */
import { suggestName } from './suggest-name.js';

export type Check = (value: unknown) => string | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

const string: Check = (value) => (typeof value === 'string' ? undefined : 'must be a string');
const positiveInteger: Check = (value) => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? undefined : 'must be a whole number above 0');
const wholeNumber: Check = (value) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? undefined : 'must be a whole number, 0 or more');
export const absoluteUrl: Check = (value) => {
  if (typeof value !== 'string') return 'must be a string';
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'must start with https:// or http://';
  } catch {
    return 'must be an absolute URL such as https://blog.example.org';
  }
};
const oneOf =
  (...options: string[]): Check =>
  (value) =>
    typeof value === 'string' && options.includes(value) ? undefined : `must be one of ${options.map((option) => JSON.stringify(option)).join(', ')}`;
const booleanOrRecord: Check = (value) => (typeof value === 'boolean' || isRecord(value) ? undefined : 'must be true, false or a schema object');
const boolean: Check = (value) => (typeof value === 'boolean' ? undefined : 'must be true or false');
const record: Check = (value) => (isRecord(value) ? undefined : 'must be an object');
const functionRecord: Check = (value) => (isRecord(value) && Object.values(value).every((entry) => typeof entry === 'function') ? undefined : 'must be an object of functions');
const pluginList: Check = (value) =>
  Array.isArray(value) && value.every((entry) => typeof entry === 'function' || (Array.isArray(entry) && typeof entry[0] === 'function'))
    ? undefined
    : 'must be a list of plugins (functions, or [plugin, options] pairs)';

/** `.a` + `.b must be…` → `.a.b must be…`; `.a` + `must be…` → `.a must be…`. */
function nest(prefix: string, reason: string): string {
  return /^[.[]/.test(reason) ? `${prefix}${reason}` : `${prefix} ${reason}`;
}

/** An object whose keys are all known and whose values pass their checks. */
const shape =
  (fields: Record<string, Check>): Check =>
  (value) => {
    if (!isRecord(value)) return 'must be an object';
    for (const [key, entry] of Object.entries(value)) {
      const check = fields[key];
      if (!check) {
        const suggestion = suggestName(key, Object.keys(fields));
        return `has an unknown field "${key}" (${suggestion ? `did you mean "${suggestion}"?` : `known: ${Object.keys(fields).join(', ')}`})`;
      }
      const reason = check(entry);
      if (reason) return nest(`.${key}`, reason);
    }
    return undefined;
  };

const listOf =
  (check: Check): Check =>
  (value) => {
    if (!Array.isArray(value)) return 'must be a list';
    for (const [index, entry] of value.entries()) {
      const reason = check(entry);
      if (reason) return nest(`[${index}]`, reason);
    }
    return undefined;
  };

const images: Check = (value) => (value === false ? undefined : shape({ avif: boolean })(value));
const search: Check = (value) => (typeof value === 'boolean' ? undefined : isRecord(value) ? shape({ shardSize: positiveInteger })(value) : 'must be true, false or { shardSize: N }');
const subscribe: Check = (value) => (value === false ? undefined : shape({ title: string, text: string, url: string, label: string })(value));

const languageSettings: Check = shape({
  name: string,
  title: string,
  description: string,
  navigation: listOf(shape({ title: string, url: string })),
  dateFormats: shape({ long: string, short: string }),
  subscribe,
  themeOptions: record,
});

const languages: Check = (value) => {
  if (!isRecord(value)) return 'must be an object of languages by code, e.g. { cy: { title: "…" } }';
  for (const [code, settings] of Object.entries(value)) {
    const reason = languageSettings(settings);
    if (reason) return nest(`.${code}`, reason);
  }
  return undefined;
};

/** Every top-level field a config file may have. */
export const CONFIG_FIELDS: Record<string, Check> = {
  title: string,
  description: string,
  url: absoluteUrl,
  language: string,
  languages,
  timezone: string,
  perPage: positiveInteger,
  feedItems: positiveInteger,
  relatedPosts: wholeNumber,
  permalinks: shape({ post: string, tag: string, author: string }),
  theme: string,
  outDir: string,
  markdown: shape({ remarkPlugins: pluginList, rehypePlugins: pluginList, sanitize: booleanOrRecord, timeoutMs: positiveInteger, maxBodyBytes: positiveInteger }),
  helpers: functionRecord,
  now: string,
  navigation: listOf(shape({ title: string, url: string })),
  tagPages: oneOf('full', 'excerpt'),
  dateFormats: shape({ long: string, short: string }),
  subscribe,
  themeOptions: record,
  images,
  search,
};

export { isRecord };

/** `theme.json` declares the options a theme reads, with defaults; the site sets them in `themeOptions`. */
import { warningProblem, type Problem } from '../shared/errors.js';

/** `{ options: { showReadingTime: { default: true } } }` → `{ showReadingTime: true }`. */
function optionDefaults(manifest: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const options = manifest.options;
  if (!options || typeof options !== 'object') return {};
  return Object.fromEntries(Object.entries(options as Record<string, unknown>).map(([name, spec]) => [name, spec && typeof spec === 'object' ? (spec as { default?: unknown }).default : undefined]));
}

/** The defaults with the site's `themeOptions` over them; unknown names are warned about (likely typos). */
export function resolveThemeOptions(
  manifest: Readonly<Record<string, unknown>>,
  siteOptions: Readonly<Record<string, unknown>>,
  configFile: string | undefined,
): { readonly options: Readonly<Record<string, unknown>>; readonly problems: Problem[] } {
  const defaults = optionDefaults(manifest);
  const declared = Object.keys(defaults);
  const problems =
    declared.length === 0
      ? []
      : Object.keys(siteOptions)
          .filter((name) => !declared.includes(name))
          .map((name) =>
            warningProblem({
              code: 'theme/unknown-option',
              message: `The theme does not read the option "${name}".`,
              hint: `Options this theme reads (theme.json): ${declared.join(', ')}.`,
              file: configFile,
            }),
          );
  return { options: Object.freeze({ ...defaults, ...siteOptions }), problems };
}

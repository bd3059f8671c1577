/**
 * One parse per page: html-validate checks the HTML (its recommended and accessibility
 * presets) and, through a rule of ours that reads the same parsed document, collects every
 * link and id the site-wide checks need.
 */
import { type ConfigData, type DOMReadyEvent, definePlugin, type HtmlElement, HtmlValidate, type Message, type ResolvedConfig, Rule, StaticConfigLoader } from 'html-validate';
import type { Problem } from '../shared/errors.js';
import type { PageLink, PageScan } from './types.js';

/**
 * The presets, tuned so the default theme passes; each change says why. Everything else in
 * `html-validate:recommended` and `html-validate:a11y` stays on.
 */
export const HTML_RULES: ConfigData['rules'] = {
  // `<!doctype html>` and `<!DOCTYPE html>` are the same doctype; which case is a matter of style.
  'doctype-style': 'off',
  // Titles are "Post title – Site name"; 70 characters is a search-engine heuristic, not validity or accessibility.
  'long-title': 'off',
  // Heading ids come from the heading text, so "1. Plan" gives `1-plan`: a valid HTML id (any non-space characters).
  'valid-id': ['error', { relaxed: true }],
  // ARIA lets lists and other namable roles carry `aria-label`; the theme names its tag lists "Tags" for screen readers.
  'aria-label-misuse': ['error', { allowAnyNamable: true }],
  // Markdown tables give column alignment as `align` on <th>/<td> (GFM through remark-rehype); browsers honour it.
  'no-deprecated-attr': 'off',
  'sectorpress/collect-links': 'error',
};

const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  script: ['src'],
  iframe: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  embed: ['src'],
  object: ['data'],
  form: ['action'],
};

/** Meta tags whose `content` is a URL of the site: the refresh target, and Open Graph / Twitter cards. */
const META_URLS = new Set(['og:image', 'og:url', 'twitter:image']);

interface Collected {
  readonly links: PageLink[];
  readonly ids: string[];
  redirect: boolean;
}

/** Filled by the rule during `validateString`, read (and removed) right after it. */
const collected = new Map<string, Collected>();

function attributeValue(element: HtmlElement, name: string): { value: string; line: number; column: number } | undefined {
  const attribute = element.getAttribute(name);
  if (!attribute || typeof attribute.value !== 'string') return undefined;
  return { value: attribute.value, line: attribute.keyLocation.line, column: attribute.keyLocation.column };
}

function collectMeta(element: HtmlElement, found: Collected): void {
  const content = attributeValue(element, 'content');
  if (!content) return;
  if (element.getAttribute('http-equiv')?.value?.toString().toLowerCase() === 'refresh') {
    found.redirect = true;
    const target = /url\s*=\s*['"]?([^'"]+)/i.exec(content.value)?.[1]?.trim();
    if (target) found.links.push({ tag: 'meta', attr: 'content', url: target, line: content.line, column: content.column });
    return;
  }
  const name = String(element.getAttribute('property')?.value ?? element.getAttribute('name')?.value ?? '');
  if (META_URLS.has(name) && /^https?:/i.test(content.value)) found.links.push({ tag: 'meta', attr: 'content', url: content.value, line: content.line, column: content.column });
}

function collectElement(element: HtmlElement, found: Collected): void {
  const tag = element.tagName;
  const id = attributeValue(element, 'id');
  if (id) found.ids.push(id.value);
  if (tag === 'a') {
    const name = attributeValue(element, 'name');
    if (name) found.ids.push(name.value);
  }
  if (tag === 'meta') {
    collectMeta(element, found);
    return;
  }
  for (const attr of URL_ATTRIBUTES[tag] ?? []) {
    const at = attributeValue(element, attr);
    if (!at) continue;
    const urls = attr === 'srcset' ? srcsetUrls(at.value) : [at.value.trim()];
    for (const url of urls) if (url !== '') found.links.push({ tag, attr, url, line: at.line, column: at.column });
  }
}

/** The URLs of a `srcset` (`a.jpg 480w, b.jpg 800w`): each candidate's first word. */
export function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(/,(?=\s|$)|,(?=[^\s,]+\s+\d)/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter((url) => url !== '');
}

class CollectLinks extends Rule {
  override documentation(): { description: string } {
    return { description: 'Collects links and ids for the site-wide checks; reports nothing.' };
  }

  override setup(): void {
    this.on('dom:ready', (event: DOMReadyEvent) => {
      const found: Collected = { links: [], ids: [], redirect: false };
      for (const element of event.document.querySelectorAll('*')) collectElement(element, found);
      collected.set(event.source.filename, found);
    });
  }
}

const plugin = definePlugin({ name: 'sectorpress', rules: { 'sectorpress/collect-links': CollectLinks } });

/** The resolved config is the same for every page: resolve it once, not once per page (half the cost). */
class OnceConfigLoader extends StaticConfigLoader {
  private resolved: ResolvedConfig | Promise<ResolvedConfig> | undefined;
  override getConfigFor(handle: string, override?: ConfigData): ResolvedConfig | Promise<ResolvedConfig> {
    this.resolved ??= super.getConfigFor(handle, override);
    return this.resolved;
  }
}

/** A validator set up with the tuned presets and the link collector. */
export function createPageScanner(): (file: string, html: string) => Promise<PageScan> {
  const validator = new HtmlValidate(new OnceConfigLoader({ plugins: [plugin], extends: ['html-validate:recommended', 'html-validate:a11y'], rules: HTML_RULES }));
  return async (file, html) => {
    const report = await validator.validateString(html, file);
    const found = collected.get(file) ?? { links: [], ids: [], redirect: false };
    collected.delete(file);
    const problems = report.results.flatMap((result) => result.messages.map((message) => htmlProblem(file, message)));
    return { file, links: found.links, ids: found.ids, redirect: found.redirect, problems };
  };
}

function htmlProblem(file: string, message: Message): Problem {
  return {
    severity: 'error',
    code: `html/${message.ruleId}`,
    message: message.message,
    file,
    line: message.line,
    column: message.column,
    hint: message.ruleUrl ? `See ${message.ruleUrl}` : undefined,
  };
}

/**
 * Test helper for the render stage: write a small site inline to a temp folder, then
 * run the real pipeline up to rendered pages (no writing), returning the HTML by URL
 * and every problem the theme and render stages reported.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSite } from '../../src/build.js';
import type { Problem } from '../../src/shared/errors.js';
import { loadTheme, type Theme } from '../../src/render/load-theme.js';
import { renderPages } from '../../src/render/render-pages.js';
import { planRoutes } from '../../src/routes/plan-routes.js';
import type { Route } from '../../src/routes/types.js';

export const NOW = '2024-06-01T12:00:00Z';

const AUTHORS = `amara:
  name: Amara Okafor
  role: Director of Children's Services
  email: amara.okafor@example.org
  avatar: /images/amara.png
  bio: Amara has led the directorate since 2021.
`;

function post(title: string, date: string, tags: string, extra = ''): string {
  return `---\ntitle: "${title}"\ndate: ${date}\ntags: [${tags}]\nauthor: amara\n${extra}---\n\nThe first paragraph of ${title}.\n\n## A section\n\nMore words.\n`;
}

/** A small complete site: three posts, a page, an upcoming event and an author. */
export const BASE_SITE: Readonly<Record<string, string>> = {
  'sectorpress.config.json': JSON.stringify({ title: 'Test Borough Blog', description: 'A test blog.', url: 'https://blog.example.org', perPage: 2 }),
  'data/authors.yml': AUTHORS,
  'posts/2024-01-10-first.md': post('First post', '2024-01-10', '"Children’s services", "Ofsted"', 'summary: "The standfirst of the first post."\n'),
  'posts/2024-02-10-second.md': post('Second post', '2024-02-10', '"Children’s services"'),
  'posts/2024-03-10-third.md': post('Third post', '2024-03-10', '"Workforce"'),
  'pages/accessibility.md': '---\ntitle: Accessibility statement\n---\n\nWe aim for WCAG 2.2 AA.\n',
  'events/regional-forum.md': '---\ntitle: Regional forum\nstart: 2024-07-09 10:00\nlocation: County Hall\nurl: https://example.org/book\n---\n\nA forum.\n',
};

/** Write `files` (relative path → text) into a new temp folder. */
export async function writeSite(files: Readonly<Record<string, string>>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-render-'));
  for (const [file, contents] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), contents);
  }
  return root;
}

export interface Rendered {
  readonly root: string;
  readonly theme: Theme;
  readonly routes: readonly Route[];
  /** Output path → contents (HTML as text). */
  readonly files: ReadonlyMap<string, string | Uint8Array>;
  /** The HTML of the page at a root-relative URL. */
  readonly page: (url: string) => string;
  readonly problems: readonly Problem[];
}

/** Load the site in `root` and render every page in memory. */
export async function renderFolder(root: string, options: { readonly injectBeforeBodyEnd?: string } = {}): Promise<Rendered> {
  const { site } = await loadSite({ root, now: NOW, cache: false, workers: 0 });
  const routes = planRoutes(site).value;
  const theme = await loadTheme(site.config);
  const rendered = renderPages(site, routes, theme.value, options);
  const files = new Map(rendered.value.map((file) => [file.path, 'contents' in file ? file.contents : '']));
  const page = (url: string): string => {
    const route = routes.find((candidate) => candidate.url === url);
    const html = route ? files.get(route.outputPath) : undefined;
    if (html === undefined) throw new Error(`No page rendered at ${url}`);
    return typeof html === 'string' ? html : Buffer.from(html).toString('utf8');
  };
  return { root, theme: theme.value, routes, files, page, problems: [...theme.problems, ...rendered.problems] };
}

/** `BASE_SITE` plus `overrides` (a value of `null` deletes a file), rendered. */
export async function renderSite(overrides: Readonly<Record<string, string | null>> = {}, options: { readonly injectBeforeBodyEnd?: string } = {}): Promise<Rendered> {
  const files: Record<string, string> = { ...BASE_SITE };
  for (const [file, contents] of Object.entries(overrides)) {
    if (contents === null) delete files[file];
    else files[file] = contents;
  }
  return renderFolder(await writeSite(files), options);
}

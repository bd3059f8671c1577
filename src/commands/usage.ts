/** Help texts, kept apart from the commands so `--help` loads nothing else. */

export const buildUsage = `Usage: sectorpress build [dir] [options]

Build the site in [dir] (default: the current folder) into its output folder.

Options:
  --out DIR         output folder (default: _site, or outDir in the config)
  --base-url URL    absolute base URL for feeds, sitemap and canonical links
  --drafts          include posts marked draft: true
  --future          include posts dated after the clock
  --now ISO         the build clock, e.g. 2026-01-01T09:00:00Z (reproducible builds)
  --no-cache        render all Markdown and every page afresh and write every file (ignore node_modules/.cache/sectorpress)
  --watch           after building, rebuild and rewrite the output folder on every change until Ctrl+C
  --quiet           print errors only
  --debug           print stack traces for internal errors
  -h, --help        show this help`;

export const newPostUsage = `Usage: sectorpress new post "Title" [options]

Write posts/YYYY-MM-DD-<slug>.md with front matter (dated now, in the site's time zone).

Options:
  --tags a,b        tags for the post
  --author KEY      author key from data/authors.yml
  --dir DIR         the site folder (default: the current folder)
  --now ISO         date the post at this time instead of the clock
  --draft           mark the post as a draft`;

export const newSiteUsage = `Usage: sectorpress new site DIR

Create DIR with the example children's services blog in it: posts, pages, events,
authors, a config file. Build it with \`sectorpress build DIR\`.`;

export const themeUsage = `Usage: sectorpress theme <eject|check> [DIR]

  eject [DIR]   copy the default theme into the site (./theme, or DIR)
                and point the site's config at it; run from the site folder
  check [DIR]   validate a theme folder (default: ./theme): missing templates,
                missing partials, unknown helpers, syntax errors`;

export const cleanUsage = `Usage: sectorpress clean [dir]

Delete the output folder and the cache in node_modules/.cache/sectorpress.
The next build renders every post afresh.`;

export const devUsage = `Usage: sectorpress dev [dir] [options]

Build the site into memory, serve it, and rebuild what changed on every save.

Options:
  --port N          port to listen on (default 8080; the next free one if taken)
  --host HOST       address to bind (default 127.0.0.1, this machine only)
  --drafts          include drafts
  --future          include posts dated after the clock
  --now ISO         the clock
  --open            open the site in the browser
  -h, --help        show this help`;

/** Help texts, kept apart from the commands so `--help` loads nothing else. */

export const buildUsage = `Usage: sectorpress build [dir] [options]

Build the site in [dir] (default: the current folder) into its output folder.

Options:
  --out DIR         output folder (default: _site, or outDir in the config); it must be
                    missing, empty, or a folder sectorpress made
  --replace-out     replace the output folder even if sectorpress did not make it
                    (never a folder of the site's sources)
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

Write posts/YYYY-MM-DD-<slug>.md with front matter (dated now, in the site's time zone),
as a draft: delete its \`draft: true\` line once the post is written to publish it.

Options:
  --tags a,b        tags for the post
  --author KEY      author key from data/authors.yml
  --dir DIR         the site folder (default: the current folder)
  --now ISO         date the post at this time instead of the clock
  --draft           mark the post as a draft (every new post is one; kept for scripts)
  -h, --help        show this help`;

export const newSiteUsage = `Usage: sectorpress new site DIR

Create DIR with the example children's services blog in it: posts, pages, events,
authors, a config file. DIR must be new or empty; \`.\` works in a folder holding only
package.json, node_modules and the like (after \`npm install --save-dev sectorpress\`).
Build it with \`sectorpress build DIR\`.

Options:
  -h, --help        show this help`;

export const themeUsage = `Usage: sectorpress theme <eject|check> [DIR]

  eject [DIR]   copy the default theme into the site (./theme, or DIR)
                and point the site's config at it; run from the site folder
  check [DIR]   validate a theme folder (default: ./theme): missing templates,
                missing partials, unknown helpers, syntax errors

Options:
  --site DIR    the site folder whose config names extra helpers (default: .)
  -h, --help    show this help`;

export const cleanUsage = `Usage: sectorpress clean [dir]

Delete the output folder and the cache in node_modules/.cache/sectorpress.
The next build renders every post afresh. The output folder is deleted only if
a build made it; a folder of the site's sources or your home folder never is.

Options:
  -h, --help        show this help`;

export const devUsage = `Usage: sectorpress dev [dir] [options]

Build the site into memory, serve it, and rebuild what changed on every save.

Options:
  --port N          port to listen on (default 8080; the next free one if taken)
  --host HOST       address to bind (default 127.0.0.1, this machine only)
  --base-url URL    absolute site URL, overriding config; its path is where the site is served
  --drafts          include drafts
  --future          include posts dated after the clock
  --now ISO         the clock
  --open            open the site in the browser
  -h, --help        show this help`;

export const serveUsage = `Usage: sectorpress serve [dir] [options]

Serve the site's built output folder (build it first with \`sectorpress build\`),
under the path of the config's \`url\`, as a web host would. No rebuilding:
use \`sectorpress dev\` while you write.

Options:
  --out DIR         the output folder to serve (default: _site, or outDir in the config)
  --base-url URL    the URL the site was built for, if not the config's url (its path is served)
  --port N          port to listen on (default 8080)
  --host HOST       address to bind (default 127.0.0.1, this machine only)
  -h, --help        show this help`;

export const checkUsage = `Usage: sectorpress check [dir] [options]

Check the site's built output folder (build it first): every internal link, #fragment,
image, stylesheet and script resolves under the base path; every page is reachable from
the home page or the sitemap; the HTML is valid and passes static accessibility rules
(html-validate); feeds, the sitemap and calendars parse. Exits 1 when anything is wrong.

Options:
  --out DIR         the output folder to check (default: _site, or outDir in the config)
  --base-url URL    the URL the site was built for, if not the config's url
  --external        also request external links (8 at a time, 2 per host, 10 s each;
                    links that answered OK in the last day are not requested again;
                    links to private and loopback addresses are reported, not requested)
  --allow-private-addresses
                    with --external, request private addresses too (an intranet site)
  --browser         also run axe in Chromium on one page of each page type
                    (needs Chromium at /usr/bin/chromium, or CHROMIUM_PATH)
  --json            print the report as JSON, for tools
  -h, --help        show this help`;

export const importUsage = `Usage: sectorpress import wordpress <export.xml> --out DIR [options]
       sectorpress import feed <file-or-url> --out DIR [options]

Bring an existing blog into a site folder that \`sectorpress build\` builds as it is:
posts, pages, authors, tags, old addresses (kept or redirected), and a report of
what needs a look (DIR/import-report.md). Importing again changes nothing; a file
you edited since the last import is kept unless --force.

Options (wordpress):
  --out DIR             the site folder to write (created if missing)
  --media DIR           a local copy of wp-content/uploads to copy images from
  --download            download the images and files the posts use from the old
                        site's own hosts and WordPress.com's media hosts (public
                        addresses only; media and document types, checked by their
                        bytes; 100 MB a file, 2 GB in all)
  --allow-host HOST     also download from HOST (or *.DOMAIN); repeatable
  --allow-type EXT      also take files of type EXT (txt, zip, …; never html, js,
                        svg and other active content); repeatable
  --comments            keep approved comments (name, date, text; never e-mail or IP)
  --time-zone ZONE      the old site's time zone (default Europe/London)
  --categories MODE     tags (default): categories become tags; separate: a
                        categories: list of their own
  --force               overwrite files edited since the last import

Options (feed): --out, --media, --download, --allow-type, --force and --time-zone
as above (--download takes images from any public host), and
  --site-url URL        the new site's address (default: the blog address the feed gives)

  -h, --help            show this help`;

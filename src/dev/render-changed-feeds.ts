/**
 * Feeds with memory: a tag's feed is rendered again only when its newest posts
 * changed, and the site-wide feeds, calendars and sitemap only when asked to.
 */
import type { StageRunner } from '../build.js';
import { staged } from '../shared/errors.js';
import { renderFeeds, renderTagFeed } from '../feeds/render-feeds.js';
import type { Site, Tag } from '../model/types.js';
import type { OutputFile } from '../shared/output-file.js';
import type { Route } from '../routes/types.js';

interface Remembered {
  readonly signature: string;
  readonly file: OutputFile;
}

export class FeedMemory {
  private tagFeeds = new Map<string, Remembered>();
  private siteFeeds: OutputFile[] | undefined;

  /** Forget everything (theme, config or data changed). */
  clear(): void {
    this.tagFeeds = new Map();
    this.siteFeeds = undefined;
  }

  /**
   * Every feed file of `site`. With `reuseSiteFeeds`, the site-wide feeds, calendars and
   * sitemap of the last run are kept (the caller knows nothing they show has changed).
   */
  async render(site: Site, routes: readonly Route[], global: string, runner: StageRunner, reuseSiteFeeds: boolean): Promise<OutputFile[]> {
    const signatures = new Map(site.tags.map((tag) => [tag, `${global}:${tag.posts.slice(0, site.config.feedItems).map((post) => post.source.digest).join(',')}`]));
    const signature = (tag: Tag): string => signatures.get(tag) as string;
    const stale = site.tags.filter((tag) => this.tagFeeds.get(tag.feedUrl)?.signature !== signature(tag));
    if (!reuseSiteFeeds || this.siteFeeds === undefined) {
      const siteFiles = await runner.run('feeds', () => renderFeeds({ ...site, tags: [] }, routes));
      this.siteFeeds = [...siteFiles];
    }
    const files = stale.length === 0 ? [] : await runner.run('tag feeds', () => staged(stale.map((tag) => renderTagFeed(site, tag))));
    const byPath = new Map(files.map((file) => [file.path, file]));
    const next = new Map<string, Remembered>();
    for (const tag of site.tags) {
      const file = byPath.get(tag.feedUrl.slice(1)) ?? this.tagFeeds.get(tag.feedUrl)?.file;
      if (file) next.set(tag.feedUrl, { signature: signature(tag), file });
    }
    this.tagFeeds = next;
    return [...this.siteFeeds, ...[...next.values()].map((entry) => entry.file)];
  }
}

/**
 * Feeds with memory between runs of one builder. Each feed file is kept under a signature
 * of everything it shows: the site signature (titles, dates, tags, authors, config, theme…),
 * the bodies of the newest posts it lists, and for the site-wide files the exact clock
 * (calendars stamp it; the sitemap falls back on it). A file is rendered again only when its
 * signature changed.
 */
import { staged } from '../shared/errors.js';
import { renderSiteFeeds, renderTagFeed } from '../feeds/render-feeds.js';
import type { Post, Site, Tag } from '../model/types.js';
import type { OutputFile } from '../shared/output-file.js';
import type { Route } from '../routes/types.js';
import type { StageRunner } from './stage-runner.js';

interface Remembered<T> {
  readonly signature: string;
  readonly value: T;
}

const newest = (site: Site, posts: readonly Post[]): string =>
  posts
    .slice(0, site.config.feedItems)
    .map((post) => post.source.digest)
    .join(',');

export class FeedMemory {
  private tagFeeds = new Map<string, Remembered<OutputFile>>();
  private siteFeeds: Remembered<OutputFile[]> | undefined;

  /** Every feed file of `site`, rendering only those whose signature changed since the last run. */
  async render(site: Site, routes: readonly Route[], global: string, runner: StageRunner): Promise<OutputFile[]> {
    const siteSignature = `${global}:${site.now.getTime()}:${newest(site, site.posts)}`;
    if (this.siteFeeds?.signature !== siteSignature) {
      const files = await runner.run('feeds', () => staged(renderSiteFeeds(site, routes)));
      this.siteFeeds = { signature: siteSignature, value: files };
    }
    const signature = (tag: Tag): string => `${global}:${tag.slug}:${newest(site, tag.posts)}`;
    const stale = site.tags.filter((tag) => this.tagFeeds.get(tag.feedUrl)?.signature !== signature(tag));
    const files = stale.length === 0 ? [] : await runner.run('tag feeds', () => staged(stale.map((tag) => renderTagFeed(site, tag))));
    const byPath = new Map(files.map((file) => [file.path, file]));
    const next = new Map<string, Remembered<OutputFile>>();
    for (const tag of site.tags) {
      const file = byPath.get(decodeURIComponent(tag.feedUrl.slice(1))) ?? this.tagFeeds.get(tag.feedUrl)?.value;
      if (file) next.set(tag.feedUrl, { signature: signature(tag), value: file });
    }
    this.tagFeeds = next;
    return [...this.siteFeeds.value, ...[...next.values()].map((entry) => entry.value)];
  }
}

/**
 * sectorpress — the library. Build a site (`build`), read it into the model
 * without writing (`loadSite`), or run the watcher (`createDevServer`, `watch`).
 */
export { build, loadSite, type BuildOptions, type BuildResult, type LoadedSite } from './build.js';
export { defineConfig } from './config/define-config.js';
export type { Config, UserConfig, NavigationLink, SubscribeBlock, DateFormats, PermalinkPatterns, MarkdownOptions } from './config/types.js';
export type { Site, Post, Tag, Author, Page, Event, MonthArchive, YearArchive } from './model/types.js';
export type { Route, RouteContext, Pagination, HtmlRouteKind } from './routes/types.js';
export type { OutputFile } from './shared/output-file.js';
export type { RenderedMarkdown } from './markdown/types.js';
export { BuildFailedError, formatProblem, type Problem, type Severity } from './shared/errors.js';
export { runCli } from './cli.js';
export { createDevServer, type DevServer, type DevServerOptions } from './dev/create-dev-server.js';
export { watch, type WatchOptions } from './dev/watch.js';
export type { RebuildResult } from './dev/dev-session.js';
export { slugify } from './shared/slug.js';
export { checkTheme } from './render/check-theme.js';
export { ejectTheme } from './render/eject-theme.js';
export type { Theme } from './render/load-theme.js';

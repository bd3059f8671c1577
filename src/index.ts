/**
 * sectorpress — the library. Build a site (`build`), read it into the model
 * without writing (`loadSite`), or run the watcher (`createDevServer`, `watch`).
 */
export { build, loadSite, type BuildOptions, type BuildResult, type LoadedSite } from './build.js';
export { defineConfig } from './config/define-config.js';
export type { Config, UserConfig, NavigationLink, SubscribeBlock, DateFormats, PermalinkPatterns, MarkdownOptions, SanitizeSchema, LanguageSettings } from './config/types.js';
export type { Site, Post, Tag, Author, Page, Event, MonthArchive, YearArchive, SiteLanguage } from './model/types.js';
export type { Route, RouteContext, ListContext, Pagination, HtmlRouteKind, LanguageLink } from './routes/types.js';
export type { SourceRef, StaticFile, SiteData } from './content/types.js';
export type { SourcePosition } from './shared/source-position.js';
export type { FileIdentity } from './shared/file-identity.js';
export type { OutputFile } from './shared/output-file.js';
export type { RenderedMarkdown } from './markdown/types.js';
export type { SiteImage, ImageVariant } from './images/types.js';
export { BuildFailedError, formatProblem, type Problem, type Severity } from './shared/errors.js';
export { runCli } from './cli.js';
export type { CliIo } from './commands/cli-io.js';
export { createDevServer, type DevServer, type DevServerOptions, type DevOutput } from './dev/create-dev-server.js';
export { watch, type WatchOptions } from './dev/watch.js';
export type { RebuildResult } from './dev/dev-session.js';
export { slugify } from './shared/slug.js';
export { checkTheme, type ThemeCheck } from './render/check-theme.js';
export { ejectTheme, type EjectedTheme } from './render/eject-theme.js';

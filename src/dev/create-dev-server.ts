/** `sectorpress dev` as a library: build into memory, serve on 127.0.0.1, watch, live-reload. */
import { createServer, type Server } from 'node:http';
import type { UserConfig } from '../config/types.js';
import { formatProblem } from '../shared/errors.js';
import type { OutputFile } from '../shared/output-file.js';
import { SEARCH_FOLDER } from '../search/index-records.js';
import { allowsHost, exposureWarning, refuseHost } from './check-host.js';
import { DevSession, type RebuildResult } from './dev-session.js';
import { EVENTS_PATH, LiveReload } from './live-reload.js';
import { openBrowser } from './open-browser.js';
import { serveOutput } from './serve-output.js';
import type { FileWatcher } from './watch-files.js';

export interface DevServerOptions {
  readonly root?: string;
  /** Settings given in code, merged over the site's config file, as for `build()`. */
  readonly config?: UserConfig;
  /** Absolute base URL; wins over `url` in config. Its path is where the site is served (`/blog/`). */
  readonly baseUrl?: string;
  /** Use the persistent Markdown cache for the first build (default true). */
  readonly cache?: boolean;
  /** Markdown worker threads for the first build, as for `build()`. */
  readonly workers?: number;
  /** Default 8080; 0 picks any free port. If taken, the next free port is used. */
  readonly port?: number;
  /**
   * Default 127.0.0.1 (this machine only); anything else is warned about. Requests are answered
   * only when their Host is localhost, an IP address or this name (see check-host.ts).
   */
  readonly host?: string;
  readonly drafts?: boolean;
  readonly future?: boolean;
  readonly now?: string;
  /** Open the site in the default browser once it is served. */
  readonly open?: boolean;
  /** Quiet period that ends a burst of file changes (default 10 ms). */
  readonly debounceMs?: number;
  /** Where status lines go (default: stderr). */
  readonly log?: (line: string) => void;
  /** Called after every rebuild (tests and tooling). */
  readonly onRebuild?: (result: RebuildResult) => void;
}

/** The output the dev server serves, held in memory (paths relative to the output folder, posix). */
export interface DevOutput {
  has(file: string): boolean;
  /** One file: its contents, or (static files) the file it is copied from. */
  get(file: string): OutputFile | undefined;
  /** Every file by path, for comparing with a clean build. */
  snapshot(): ReadonlyMap<string, OutputFile>;
}

export interface DevServer {
  /** Where the site is served, with the base path: `http://127.0.0.1:8080/blog/`. */
  readonly url: string;
  readonly port: number;
  /** The current in-memory output (the last good build). */
  readonly output: DevOutput;
  /** Stop watching and serving; no search index is built in the background after it (one under way finishes, unused). */
  close(): Promise<void>;
}

const PORT_ATTEMPTS = 20;

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

async function listenOnFreePort(server: Server, port: number, host: string, log: (line: string) => void): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await listen(server, port === 0 ? 0 : port + attempt, host);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= PORT_ATTEMPTS || port === 0) throw error;
      log(`[dev] port ${port + attempt} is in use, trying ${port + attempt + 1}`);
    }
  }
}

/** Only files of the search index changed: the index built in the background after an edit was taken in. */
const onlySearchIndex = (result: RebuildResult): boolean => result.updated.length > 0 && result.updated.every((file) => file.startsWith(`${SEARCH_FOLDER}/`));

function describe(result: RebuildResult): string {
  if (result.ok && result.changed.length === 0 && onlySearchIndex(result)) return `[dev] search index brought up to date in ${result.ms} ms`;
  const what = result.changed.length === 0 ? 'first build' : result.changed.length === 1 ? `${result.changed[0]} changed` : `${result.changed.length} files changed`;
  const pages = `${result.pagesWritten} ${result.pagesWritten === 1 ? 'page' : 'pages'}`;
  return result.ok ? `[dev] ${what} → ${pages} updated in ${result.ms} ms` : `[dev] ${what} → build failed in ${result.ms} ms; still serving the last good site`;
}

/**
 * Start the dev server.
 *
 * @example
 * const server = await createDevServer({ root: 'my-blog', port: 0 });
 * console.log(server.url);
 * await server.close();
 */
export async function createDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { root, config, baseUrl, cache, workers, drafts, future, now } = options;
  const session = new DevSession({ root, config, baseUrl, cache, workers, drafts, future, now });
  const reload = new LiveReload();
  let failing = false;
  let shown = new Set<string>();
  const report = (result: RebuildResult): void => {
    log(describe(result));
    // Warnings repeat on every rebuild; print each one once, errors always.
    const lines = result.problems.map(formatProblem);
    for (const [index, line] of lines.entries()) if (result.problems[index]?.severity === 'error' || !shown.has(line)) log(line);
    shown = new Set(lines);
    if (!result.ok) {
      failing = true;
      reload.send('problems', result.problems.filter((problem) => problem.severity === 'error').map(formatProblem));
    } else {
      if (failing) reload.send('clear');
      failing = false;
      if (result.cssOnly)
        reload.send(
          'css',
          result.updated.filter((file) => file.endsWith('.css') && session.has(file)).map((file) => `${session.basePath}${file}`),
        );
      // A search index built in the background concerns only pages that use it.
      else if (onlySearchIndex(result)) reload.send('search-index');
      else if (result.updated.length > 0) reload.send('reload');
    }
    options.onRebuild?.(result);
  };
  report(await session.rebuild());

  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    if (!allowsHost(host, request.headers.host)) return refuseHost(response, request.headers.host);
    if (request.url === EVENTS_PATH) return reload.connect(response);
    serveOutput(session, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  // Requests Node's parser rejects (a raw NUL in the path, say) still get an answer.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  const port = await listenOnFreePort(server, options.port ?? 8080, host, log);
  const exposed = exposureWarning(host, options.drafts ?? false);
  if (exposed) log(exposed);

  let queue = Promise.resolve();
  // A search index built in the background after an edit is taken into the last output.
  session.onSearchIndexed = () => {
    queue = queue.then(async () => report(await session.takeSearchIndex()));
  };
  const watcher: FileWatcher = session.watch(
    (paths) => {
      queue = queue.then(async () => report(await session.rebuild(paths)));
    },
    options.debounceMs,
    (state) =>
      log(
        state === 'gone'
          ? `[dev] The site folder ${session.root} has gone (renamed or deleted); still serving the last good site until it is back.`
          : '[dev] The site folder is back; rebuilding everything.',
      ),
  );
  await watcher.ready;
  void session.warmUp();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${session.basePath}`;
  if (options.open) openBrowser(url, log);
  return {
    url,
    port,
    output: session,
    async close() {
      await watcher.close();
      session.close();
      reload.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

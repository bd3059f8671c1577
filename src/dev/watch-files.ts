/**
 * chokidar over the site folder and the theme, debounced: a burst of events
 * (an editor's atomic save, a git checkout) becomes one batch of changed paths.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';

/**
 * chokidar throttles `change` events per file and drops a second save that lands
 * within ~50 ms of the first, so every flushed path is looked at again a little later.
 */
const RECHECK_MS = 120;

function signature(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'missing';
  }
}

export interface FileWatcher {
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchFilesOptions {
  readonly root: string;
  /** Extra folders to watch (a theme outside the site). */
  readonly extra: readonly string[];
  /** Absolute folders never to watch (the output folder). */
  readonly ignore: readonly string[];
  readonly debounceMs: number;
  readonly onBatch: (paths: string[]) => void;
}

/** Dotfiles and dot-folders are editor/VCS noise (.git, .DS_Store, .swp); leftovers of killed builds start with a dot too. */
const NOISE = /(^|[\\/])(\.[^\\/.]|\.\.[^\\/]|node_modules([\\/]|$))/;

/**
 * Called by chokidar for every entry of every folder it scans, and it rescans a folder
 * after each change inside it, so this is kept to plain string tests on absolute paths.
 */
function ignoredBy(options: WatchFilesOptions): (file: string) => boolean {
  const ignored = options.ignore.map((dir) => path.resolve(dir));
  const bases = [options.root, ...options.extra].map((dir) => path.resolve(dir));
  return (file) => {
    if (ignored.some((dir) => file === dir || (file.startsWith(dir) && file[dir.length] === path.sep))) return true;
    // Only what lies below a watched folder is judged: the folders themselves may sit under a dot-folder.
    const base = bases.find((dir) => file.startsWith(dir) && file[dir.length] === path.sep);
    return base !== undefined && NOISE.test(file.slice(base.length + 1));
  };
}

export function watchFiles(options: WatchFilesOptions): FileWatcher {
  const pending = new Set<string>();
  const seen = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  let recheck: NodeJS.Timeout | undefined;
  const absolute = (file: string): string => path.resolve(options.root, file);
  const flush = (): void => {
    timer = undefined;
    const paths = [...pending].sort();
    pending.clear();
    if (paths.length === 0) return;
    for (const file of paths) seen.set(file, signature(absolute(file)));
    if (recheck) clearTimeout(recheck);
    recheck = setTimeout(() => {
      recheck = undefined;
      const missed = [...seen].filter(([file, stamp]) => signature(absolute(file)) !== stamp).map(([file]) => file);
      seen.clear();
      for (const file of missed) pending.add(file);
      if (missed.length > 0 && !timer) flush();
    }, RECHECK_MS);
    options.onBatch(paths);
  };
  const watcher: FSWatcher = chokidarWatch([options.root, ...options.extra], { ignoreInitial: true, ignored: ignoredBy(options), persistent: true });
  watcher.on('all', (_event, file) => {
    const relative = path.relative(options.root, file).split(path.sep).join('/');
    pending.add(relative.startsWith('..') ? file : relative);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs);
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      if (timer) clearTimeout(timer);
      if (recheck) clearTimeout(recheck);
      await watcher.close();
    },
  };
}

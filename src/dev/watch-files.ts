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

/**
 * The regular file a raw event is about: a folder's watcher names the child, a file's own
 * watcher names the file again. Anything else (gone, a folder) is left to chokidar's own events.
 */
function rawTarget(watched: string, name: string): string | undefined {
  try {
    const candidate = statSync(watched).isDirectory() ? path.join(watched, name) : watched;
    return statSync(candidate).isFile() ? candidate : undefined;
  } catch {
    return undefined;
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
  /** Pending only because of a raw event: chokidar has not reported them (yet). */
  const rawOnly = new Set<string>();
  const seen = new Map<string, string>();
  /**
   * Each file's signature when a batch last took it in. chokidar's echo of a save can arrive
   * well after the recheck forgot `seen` (it stats behind every other file in the folder, and
   * a rebuild that writes the output keeps the thread busy); it must not become a rebuild.
   */
  const taken = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  let recheck: NodeJS.Timeout | undefined;
  const absolute = (file: string): string => path.resolve(options.root, file);
  const relativeOf = (file: string): string => {
    const relative = path.relative(options.root, file).split(path.sep).join('/');
    return relative.startsWith('..') ? file : relative;
  };
  const flush = (): void => {
    timer = undefined;
    // An editor's temporary file, written and renamed away before chokidar looked at it, is not a change.
    // Nor is a late raw echo of a save a batch already took in (same signature as then).
    const paths = [...pending].filter((file) => {
      if (!rawOnly.has(file)) return true;
      const stamp = signature(absolute(file));
      return stamp !== 'missing' && stamp !== taken.get(file);
    }).sort();
    pending.clear();
    rawOnly.clear();
    if (paths.length === 0) return;
    for (const file of paths) {
      const stamp = signature(absolute(file));
      seen.set(file, stamp);
      taken.set(file, stamp);
    }
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
  const ignored = ignoredBy(options);
  const watcher: FSWatcher = chokidarWatch([options.root, ...options.extra], { ignoreInitial: true, ignored, persistent: true });
  const schedule = (file: string, raw: boolean): void => {
    const relative = relativeOf(file);
    if (!raw) rawOnly.delete(relative);
    else if (!pending.has(relative)) rawOnly.add(relative);
    pending.add(relative);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs);
  };
  watcher.on('all', (event, file) => {
    // Usually an echo of the raw events below: already waiting, or taken in by a rebuild that
    // read these very bytes. Re-arming the quiet period for it would only delay that rebuild.
    // A second write within the same timestamp tick is not lost: it has a raw event of its own.
    if (event === 'change' || event === 'add') {
      const relative = relativeOf(file);
      const stamp = signature(absolute(relative));
      if (pending.has(relative) || seen.get(relative) === stamp || taken.get(relative) === stamp) return;
    }
    schedule(file, false);
  });
  // chokidar stats a file before reporting its change, and the directory's own watcher starts a
  // re-read of the whole folder (an lstat per file) at the same moment: at 1,000 posts that stat
  // waits behind a thousand others. The raw event arrives before any of that. Files written or
  // renamed into place are taken from it; deletions and folders are left to chokidar.
  watcher.on('raw', (event, name, details) => {
    const watched = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
    if ((event !== 'change' && event !== 'rename') || !name || typeof watched !== 'string') return;
    const file = rawTarget(watched, name);
    if (file && !ignored(file)) schedule(file, true);
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

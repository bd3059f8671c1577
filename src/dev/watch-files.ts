/**
 * chokidar over the site folder and the theme, debounced: a burst of events
 * (an editor's atomic save, a git checkout) becomes one batch of changed paths.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { CONTENT_FOLDERS, isIgnoredSitePath } from '../shared/site-layout.js';
import { awaitFolder, isFolder } from './await-folder.js';
import { watchFolders } from './watch-folders.js';

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
  /**
   * The site folder disappeared (`gone`: its changes are not reported, so the last build stands)
   * or came back (`back`: watched afresh; anything in it may have changed).
   */
  readonly onRoot?: (state: 'gone' | 'back') => void;
}

/** The folders of Markdown sources, which may hold a whole archive: watched by watch-folders.ts, not chokidar. */
const ARCHIVE_FOLDERS = CONTENT_FOLDERS.filter((source) => source.nested).map((source) => source.folder);

/** Below a watched folder, paths are judged by the rule the build reads the site by (editor/VCS noise, dotfiles outside static/, node_modules). */
const posix = path.sep === '/' ? (file: string): string => file : (file: string): string => file.split(path.sep).join('/');

/**
 * Called by chokidar for every entry of every folder it scans, and it rescans a folder
 * after each change inside it, so this is kept to plain string tests on absolute paths.
 */
function ignoredBy(options: WatchFilesOptions, more: readonly string[] = []): (file: string) => boolean {
  const ignored = [...options.ignore, ...more].map((dir) => path.resolve(dir));
  const bases = [options.root, ...options.extra].map((dir) => path.resolve(dir));
  return (file) => {
    if (ignored.some((dir) => file === dir || (file.startsWith(dir) && file[dir.length] === path.sep))) return true;
    // Only what lies below a watched folder is judged: the folders themselves may sit under a dot-folder.
    const base = bases.find((dir) => file.startsWith(dir) && file[dir.length] === path.sep);
    return base !== undefined && isIgnoredSitePath(posix(file.slice(base.length + 1)));
  };
}

/** One chokidar watcher over the tree; `onGone` is called (and nothing more reported) once the root disappears. */
function watchTree(options: WatchFilesOptions, onGone: () => void): FileWatcher {
  const pending = new Set<string>();
  /** Pending only because of a raw event: chokidar has not reported them (yet). */
  const rawOnly = new Set<string>();
  /** Pending from the archive folders' own watchers (no chokidar echo follows, and a deletion counts). */
  const fromFolders = new Set<string>();
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
  let gone = false;
  /**
   * The root renamed away or deleted: what is pending is its contents vanishing, not edits.
   * chokidar saying so (`force`) is believed even if the folder is already back, since its watches are not.
   */
  const rootGone = (force = false): boolean => {
    if (!gone && (force || !isFolder(options.root))) {
      gone = true;
      onGone();
    }
    return gone;
  };
  const flush = (): void => {
    timer = undefined;
    if (rootGone()) return;
    // An editor's temporary file, written and renamed away before chokidar looked at it, is not a change.
    // Nor is a late raw echo of a save a batch already took in (same signature as then).
    const paths = [...pending]
      .filter((file) => {
        if (fromFolders.has(file)) {
          // Several events of one save may straddle the quiet period: bytes a batch already took in are no change.
          // Gone is a change only for what was there before this batch (not an editor's temporary file).
          const stamp = signature(absolute(file));
          return stamp === 'missing' ? taken.has(file) || folders.listed(absolute(file)) : stamp !== taken.get(file);
        }
        if (!rawOnly.has(file)) return true;
        const stamp = signature(absolute(file));
        return stamp !== 'missing' && stamp !== taken.get(file);
      })
      .sort();
    pending.clear();
    rawOnly.clear();
    fromFolders.clear();
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
  const archives = ARCHIVE_FOLDERS.map((folder) => path.join(options.root, folder));
  const ignored = ignoredBy(options);
  const folders = watchFolders(options.root, archives, ignored, (file) => schedule(file, 'folder'));
  const watcher: FSWatcher = chokidarWatch([options.root, ...options.extra], { ignoreInitial: true, ignored: ignoredBy(options, archives), persistent: true });
  const schedule = (file: string, raw: boolean | 'folder'): void => {
    const relative = relativeOf(file);
    if (raw === 'folder') fromFolders.add(relative);
    else if (!raw) rawOnly.delete(relative);
    else if (!pending.has(relative)) rawOnly.add(relative);
    pending.add(relative);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs);
  };
  watcher.on('all', (event, file) => {
    if (event === 'unlinkDir' && rootGone(path.resolve(file) === path.resolve(options.root))) return;
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
      folders.close();
      await watcher.close();
    },
  };
}

/**
 * Watch the site (and `extra` folders), reporting bursts of changes to `onBatch`. A site folder
 * renamed away and back takes chokidar's watches with it and they do not return, so when the
 * root disappears the watcher is closed, the folder is polled for, and watching starts afresh.
 */
export function watchFiles(options: WatchFilesOptions): FileWatcher {
  let closed = false;
  let stopWaiting: (() => void) | undefined;
  let current: FileWatcher;
  const onGone = (): void => {
    const old = current;
    void old.close();
    options.onRoot?.('gone');
    stopWaiting = awaitFolder(options.root, () => {
      stopWaiting = undefined;
      if (closed) return;
      current = watchTree(options, onGone);
      void current.ready.then(() => {
        if (!closed) options.onRoot?.('back');
      });
    });
  };
  current = watchTree(options, onGone);
  return {
    ready: current.ready,
    async close() {
      closed = true;
      stopWaiting?.();
      await current.close();
    },
  };
}

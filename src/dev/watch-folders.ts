/**
 * The content folders (posts/, pages/, events/) watched with one `fs.watch` per folder, where an
 * event looks at the one entry it names. chokidar re-reads a whole folder, with an lstat of every
 * file in it, on every event inside it, a change to a file's bytes included: at 100,000 posts that
 * is seconds of the main thread for each saved post. Nothing is stat'ed up front either: the
 * builder already knows every content file, and reads again only the paths reported here.
 */
import { type Dirent, type FSWatcher, lstatSync, readdirSync, realpathSync, statSync, watch } from 'node:fs';
import path from 'node:path';

export interface FolderWatcher {
  /** Whether `file` was listed in its folder when the folder was first watched (a deletion of it is a change). */
  listed(file: string): boolean;
  close(): void;
}

/** The entry's kind, following a symbolic link (as the build's file search does); `undefined` when gone. */
function kindOf(file: string): 'file' | 'folder' | 'other' | undefined {
  try {
    const stat = lstatSync(file).isSymbolicLink() ? statSync(file) : lstatSync(file);
    return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
}

/** The folder's entries, each marked when it is a folder (or a link to one); files are never stat'ed here. */
function listEntries(folder: string): { file: string; folder: boolean }[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.map((entry) => {
    const file = path.join(folder, entry.name);
    return { file, folder: entry.isDirectory() || (entry.isSymbolicLink() && kindOf(file) === 'folder') };
  });
}

/**
 * Watch `folders` (absolute; names directly in `root`) and every folder below them. `report`
 * gets the absolute path of each entry an event names: a file written, added, renamed or
 * deleted, or a folder added or removed (below which anything may have changed). `ignored`
 * paths are neither reported nor descended into. A content folder created later is picked up
 * through a watcher on `root` that looks only at those names.
 */
export function watchFolders(root: string, folders: readonly string[], ignored: (file: string) => boolean, report: (file: string) => void): FolderWatcher {
  /** Each watched folder's watcher, and the real path it had then (a folder replaced by another of the same name is watched afresh). */
  const watchers = new Map<string, { watcher: FSWatcher; real: string }>();
  const reals = new Set<string>();
  const listed = new Set<string>();

  const unwatch = (folder: string): void => {
    for (const [watched, { watcher, real }] of watchers) {
      if (watched !== folder && !watched.startsWith(folder + path.sep)) continue;
      watcher.close();
      watchers.delete(watched);
      reals.delete(real);
    }
  };

  const onEntry = (file: string): void => {
    if (ignored(file)) return;
    const kind = kindOf(file);
    if (kind === 'folder') add(file);
    else if (kind === undefined && watchers.has(file)) unwatch(file);
    report(file);
  };

  const add = (folder: string): void => {
    if (watchers.has(folder) || ignored(folder)) return;
    const resolved = realId(folder);
    // A link back up the tree is not followed round.
    if (resolved === undefined || reals.has(resolved)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, { persistent: true }, (_event, name) => {
        if (name) onEntry(path.join(folder, name.toString()));
      });
    } catch {
      return;
    }
    // A watched folder deleted: its parent's watcher reports it; this one just stops.
    watcher.on('error', () => unwatch(folder));
    watchers.set(folder, { watcher, real: resolved });
    reals.add(resolved);
    for (const entry of listEntries(folder)) {
      listed.add(entry.file);
      if (entry.folder) add(entry.file);
    }
  };

  const names = new Set(folders.map((folder) => path.basename(folder)));
  let rootWatcher: FSWatcher | undefined;
  try {
    rootWatcher = watch(root, { persistent: true }, (_event, name) => {
      const file = name ? path.join(root, name.toString()) : undefined;
      if (!file || !names.has(path.basename(file))) return;
      // An event about the folder itself (its times), not a folder put in its place.
      if (watchers.get(file)?.real === realId(file)) return;
      unwatch(file);
      onEntry(file);
    });
    rootWatcher.on('error', () => rootWatcher?.close());
  } catch {
    rootWatcher = undefined;
  }
  for (const folder of folders) if (kindOf(folder) === 'folder') add(folder);

  return {
    listed: (file) => listed.has(file),
    close() {
      rootWatcher?.close();
      for (const { watcher } of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** The folder's real path and inode: another folder renamed into its place differs. */
function realId(folder: string): string | undefined {
  try {
    return `${realpathSync(folder)}:${statSync(folder).ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Parsed front matter kept on disk between builds, keyed by a hash of the YAML text. YAML
 * parsing is most of the cost of reading an entry (about 0.15 ms a file: 15 s at 100,000 posts),
 * and a rebuild sees the same front matter again. Only blocks that parsed without problems are
 * kept, so every message still comes from a fresh parse. The folder is named by a digest of the
 * YAML library's version and sectorpress's, so a new version of either starts afresh.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { cacheFolder } from '../shared/cache-folder.js';
import { ownVersion, packageVersion } from '../shared/package-version.js';
import { readShardedStore, writeShardedStore } from '../shared/sharded-store.js';
import type { ParsedYaml, YamlMemo } from './front-matter.js';

const PREFIX = 'front-matter-';

let versions: string | undefined;

function folderOf(root: string): string {
  // Read once per process: the code running is the code loaded at start.
  versions ??= createHash('sha1')
    .update(`${ownVersion()}\0${packageVersion('yaml')}`)
    .digest('base64url')
    .slice(0, 16);
  return path.join(cacheFolder(root), `${PREFIX}${versions}`);
}

const keyOf = (yamlText: string): string => createHash('sha1').update(yamlText).digest('base64url');

/** A `YamlMemo` backed by the site's cache folder: `open` it before reading entries, `save` it after. */
export class FrontMatterCache implements YamlMemo {
  /** What this run used: the store is saved as exactly these, so entries of deleted or edited files go. */
  private readonly used = new Map<string, ParsedYaml>();
  private added = 0;

  private constructor(
    private readonly folder: string,
    private readonly stored: Map<string, ParsedYaml>,
    private readonly shards: ReadonlyMap<number, string>,
  ) {}

  /** The cache of the site at `root`; empty (and never saved) when `enabled` is false. */
  static async open(root: string, enabled: boolean): Promise<FrontMatterCache> {
    const folder = folderOf(root);
    const stored = new Map<string, ParsedYaml>();
    const shards = enabled ? await readShardedStore<readonly [string, ParsedYaml]>(folder, ([key, parsed]) => stored.set(key, parsed)) : new Map<number, string>();
    return new FrontMatterCache(enabled ? folder : '', stored, shards);
  }

  recall(yamlText: string): ParsedYaml | undefined {
    const key = keyOf(yamlText);
    const parsed = this.stored.get(key);
    if (parsed) this.used.set(key, parsed);
    return parsed;
  }

  remember(yamlText: string, parsed: ParsedYaml): void {
    this.used.set(keyOf(yamlText), parsed);
    this.added += 1;
  }

  /** Write what this run used, if that differs from what was read. Errors are the caller's warning. */
  async save(): Promise<void> {
    if (this.folder === '' || (this.added === 0 && this.used.size === this.stored.size)) return;
    await writeShardedStore(this.folder, PREFIX, this.used, (key, parsed) => [key, parsed], this.shards);
  }
}

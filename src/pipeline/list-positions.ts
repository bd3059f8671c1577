/**
 * Lists indexed by a key (a file's path), for the dev server's body edit at 100,000 posts, where a
 * walk of a whole-site list per edit costs more than the edit: each list is indexed once, and the
 * index is handed on to the copy an edit makes with items replaced in their places (same keys, same order).
 */
export class ListPositions<T> {
  private readonly indexes = new WeakMap<readonly T[], ReadonlyMap<string, number>>();

  constructor(private readonly keyOf: (item: T) => string) {}

  /** Each key's position in `list`, made on first asking. */
  of(list: readonly T[]): ReadonlyMap<string, number> {
    let found = this.indexes.get(list);
    if (!found) this.indexes.set(list, (found = new Map(list.map((item, at) => [this.keyOf(item), at]))));
    return found;
  }

  /** The item of `list` under `key`. */
  find(list: readonly T[], key: string): T | undefined {
    const at = this.of(list).get(key);
    return at === undefined ? undefined : list[at];
  }

  /** A copy of `list` with each of `items` in the place of the item with its key, or `undefined` when a key is not in `list`. */
  replaced(list: readonly T[], items: Iterable<T>): T[] | undefined {
    const positions = this.of(list);
    const copy = [...list];
    for (const item of items) {
      const at = positions.get(this.keyOf(item));
      if (at === undefined) return undefined;
      copy[at] = item;
    }
    this.indexes.set(copy, positions);
    return copy;
  }
}

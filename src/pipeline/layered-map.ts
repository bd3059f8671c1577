/**
 * A map made of an earlier map and a few changes over it, without copying the earlier one: a body
 * edit changes the signatures of a handful of pages out of 166,000 at 100,000 posts, and copying
 * them all was most of the edit's own time. Neither layer is changed afterwards, so a map handed
 * out by an earlier run stays as it was.
 */

/** Layers are merged into one map once the changes stop being few. */
const MERGE_AT = 4096;

export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  private readonly base: ReadonlyMap<K, V>;
  private readonly changes: ReadonlyMap<K, V>;
  readonly size: number;

  /** `base` with `changes` over it; keys new to `base` come after its own, in the order of `changes`. */
  constructor(base: ReadonlyMap<K, V>, changes: ReadonlyMap<K, V>) {
    // Over another layered map, the changes are folded together, so a lookup is never more than two deep.
    const [under, over] = base instanceof LayeredMap ? [base.base, new Map([...base.changes, ...changes])] : [base, changes];
    this.base = over.size > MERGE_AT ? new Map([...under, ...over]) : under;
    this.changes = over.size > MERGE_AT ? new Map() : over;
    let added = 0;
    for (const key of this.changes.keys()) if (!this.base.has(key)) added += 1;
    this.size = this.base.size + added;
  }

  get(key: K): V | undefined {
    return this.changes.has(key) ? this.changes.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.changes.has(key) || this.base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) yield [key, this.changes.has(key) ? (this.changes.get(key) as V) : value];
    for (const [key, value] of this.changes) if (!this.base.has(key)) yield [key, value];
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

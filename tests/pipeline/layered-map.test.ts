// A layered map reads exactly like a copy of its base with the changes set over it, however many
// layers are stacked (each body edit stacks one over the last run's page signatures).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LayeredMap } from '../../src/pipeline/layered-map.js';

describe('LayeredMap', () => {
  it('equals a copied map with the changes set, after any series of layers (property)', () => {
    const entries = fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.integer()), { maxLength: 30 });
    fc.assert(
      fc.property(entries, fc.array(entries, { maxLength: 8 }), (base, layers) => {
        let copied = new Map(base);
        let layered: ReadonlyMap<string, number> = new Map(base);
        for (const layer of layers) {
          copied = new Map([...copied, ...layer]);
          layered = new LayeredMap(layered, new Map(layer));
        }
        expect([...layered]).toEqual([...copied]);
        expect([...layered.keys()]).toEqual([...copied.keys()]);
        expect([...layered.values()]).toEqual([...copied.values()]);
        expect(layered.size).toBe(copied.size);
        for (const [key, value] of copied) {
          expect(layered.get(key)).toBe(value);
          expect(layered.has(key)).toBe(true);
        }
        expect(layered.has('not a key at all')).toBe(false);
        const seen: [string, number][] = [];
        layered.forEach((value, key) => {
          seen.push([key, value]);
        });
        expect(seen).toEqual([...copied]);
      }),
    );
  });

  it('leaves the maps it was made from as they were', () => {
    const base = new Map([['a', 1]]);
    const first = new LayeredMap(base, new Map([['a', 2]]));
    const second = new LayeredMap(first, new Map([['a', 3]]));
    expect([base.get('a'), first.get('a'), second.get('a')]).toEqual([1, 2, 3]);
  });
});

// Lists indexed by path once and handed on to their same-order copies (the dev server's body edit).
import { describe, expect, it } from 'vitest';
import { ListPositions } from '../../src/pipeline/list-positions.js';

interface File {
  readonly path: string;
  readonly text: string;
}

const files: File[] = ['a.md', 'b.md', 'c.md', 'd.md'].map((path) => ({ path, text: `first ${path}` }));

describe('ListPositions', () => {
  it('finds items by key, in the list and in each copy made from it, edit after edit', () => {
    const positions = new ListPositions<File>((file) => file.path);
    expect(positions.find(files, 'c.md')).toBe(files[2]);
    expect(positions.find(files, 'e.md')).toBeUndefined();
    const once = positions.replaced(files, [{ path: 'b.md', text: 'second b.md' }]) ?? [];
    const twice =
      positions.replaced(once, [
        { path: 'd.md', text: 'second d.md' },
        { path: 'a.md', text: 'second a.md' },
      ]) ?? [];
    expect(twice.map((file) => file.text)).toEqual(['second a.md', 'second b.md', 'first c.md', 'second d.md']);
    expect(positions.find(twice, 'b.md')?.text).toBe('second b.md');
    // The lists handed out before stay as they were.
    expect(files.map((file) => file.text)).toEqual(['first a.md', 'first b.md', 'first c.md', 'first d.md']);
    expect(once.map((file) => file.text)).toEqual(['first a.md', 'second b.md', 'first c.md', 'first d.md']);
  });

  it('gives no copy when an item has a key the list does not hold', () => {
    const positions = new ListPositions<File>((file) => file.path);
    expect(positions.replaced(files, [{ path: 'new.md', text: 'new' }])).toBeUndefined();
  });
});

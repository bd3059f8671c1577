import type { PostEntry } from '../src/content/types.js';

export function postEntry(index: number, tags: readonly string[]): PostEntry;

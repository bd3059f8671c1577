/** Installed package versions, for cache keys: a new version may turn the same input into different output. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './package-root.js';

/** The version of the package `name` as installed beside sectorpress (`missing` when it is not). */
export function packageVersion(name: string): string {
  for (let dir = packageRoot(); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '?';
    if (path.dirname(dir) === dir) return 'missing';
  }
}

/** sectorpress's own version. */
export function ownVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

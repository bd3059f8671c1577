import type { UserConfig } from './types.js';

/**
 * Identity function that gives a config file types and editor completion.
 *
 * @example
 * // sectorpress.config.ts
 * import { defineConfig } from 'sectorpress';
 * export default defineConfig({ title: 'Director’s blog', url: 'https://blog.example.org' });
 */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}

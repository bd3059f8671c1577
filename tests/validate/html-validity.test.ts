// Every HTML page of the example site through the Nu Html Checker: zero errors.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExample } from '../support/example-build.js';
import { runVnu } from '../support/vnu.js';

describe('the example site', () => {
  it('has zero Nu Html Checker errors on every page', async () => {
    const result = await buildExample();
    const pages = result.files.filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(40);
    const messages = await runVnu(result.outDir);
    const errors = messages.filter((message) => message.type === 'error').map((message) => `${path.relative(result.outDir, new URL(message.url).pathname)}:${message.lastLine ?? '?'} ${message.message}`);
    expect(errors).toEqual([]);
  }, 120_000);
});

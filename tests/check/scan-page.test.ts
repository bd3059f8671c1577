import { describe, expect, it } from 'vitest';
import { srcsetUrls } from '../../src/check/scan-page.js';

describe('srcsetUrls', () => {
  it('takes the URL of every candidate, with or without spaces after the commas', () => {
    expect(srcsetUrls('/img/a-480.webp 480w, /img/a-800.webp 800w')).toEqual(['/img/a-480.webp', '/img/a-800.webp']);
    expect(srcsetUrls('/img/a.jpg 1x,/img/a@2x.jpg 2x')).toEqual(['/img/a.jpg', '/img/a@2x.jpg']);
    expect(srcsetUrls('  /img/only.png  ')).toEqual(['/img/only.png']);
  });
});

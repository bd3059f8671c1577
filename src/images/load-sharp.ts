/**
 * sharp (libvips, a native module) is loaded on first use, not when sectorpress is: a site
 * without images, `images: false` and commands that build nothing never pay for it.
 */
import type sharpType from 'sharp';

/** The sharp function, loaded once. */
export type SharpFunction = typeof sharpType;

let loading: Promise<SharpFunction> | undefined;

/** Load sharp (once per process) and return it. */
export function loadSharp(): Promise<SharpFunction> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}

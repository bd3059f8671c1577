/** A file the build will write, relative to the output folder (posix separators). */
export type OutputFile =
  | { readonly path: string; readonly contents: string | Uint8Array }
  /** A static file copied from disk without reading it into memory. */
  | { readonly path: string; readonly copyFrom: string };

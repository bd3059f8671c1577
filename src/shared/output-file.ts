/** A file the build will write, relative to the output folder (posix separators). */
export type OutputFile =
  | { readonly path: string; readonly contents: string | Uint8Array }
  /**
   * A file copied from disk without reading it into memory: a static file, or a page
   * kept from the previous build, whose content fingerprint is then already known.
   */
  | { readonly path: string; readonly copyFrom: string; readonly fingerprint?: string };

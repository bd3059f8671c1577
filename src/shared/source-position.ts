/** Where a key or value sits in a source file (1-based); config and content files both report it. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

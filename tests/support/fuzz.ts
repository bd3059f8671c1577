/** Property-test sizing: a short run in CI, a long campaign with `npm run fuzz` (FUZZ_RUNS=20000). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const tried = new Map<string, number>();

/** Count one generated case for `property`, so the campaign can report how many it tried. */
export function countCase(property: string): void {
  tried.set(property, (tried.get(property) ?? 0) + 1);
}

export function fuzzReport(): string {
  const total = [...tried.values()].reduce((sum, count) => sum + count, 0);
  return `${[...tried].map(([name, count]) => `  ${name}: ${count} cases`).join('\n')}\n  total: ${total} cases`;
}

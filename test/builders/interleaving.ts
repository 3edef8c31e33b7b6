/**
 * Yields to other pending work a seeded pseudo-random number of times, so that
 * concurrent handlers interleave differently for each seed but repeatably.
 */
export function seededYields(seed: number): () => Promise<void> {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  return async () => {
    const ticks = next() % 4;
    for (let i = 0; i < ticks; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  };
}

export const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

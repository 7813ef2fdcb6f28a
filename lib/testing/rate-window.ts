/**
 * The in-process limiter counts in fixed minute windows: a burst that straddles a minute
 * boundary is split between two windows and never reaches the limit. Tests that spend a limit
 * start each burst at least `marginMs` before the next boundary (a burst takes a few seconds at
 * most, even on a loaded 2-core machine), waiting for the next window when too close.
 */
export async function awayFromWindowEdge(marginMs = 20_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 50));
}

// Arrow-key movement between map regions: from the focused region to the nearest one in the arrow's
// direction, by centroid. Pure: no DOM.

export type Direction = 'left' | 'right' | 'up' | 'down';

/** KeyboardEvent.key → direction (screen axes: y grows downwards). */
export const ARROW_KEYS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down'
};

const UNIT: Record<Direction, [number, number]> = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };

/**
 * The region to move to from `from` in direction `dir`: among the centroids strictly ahead (positive
 * distance along the arrow), the one minimising distance along the arrow + 2 × distance across it, so a
 * region straight ahead wins over a nearer one far off to the side. Ties go to the earlier entry.
 * Null when nothing lies ahead (or `from` has no centroid): the focus stays.
 */
export function neighbour(
  centroids: ReadonlyMap<string, readonly [number, number]>,
  from: string,
  dir: Direction
): string | null {
  const origin = centroids.get(from);
  if (!origin) return null;
  const [ux, uy] = UNIT[dir];
  let best: string | null = null,
    bestScore = Infinity;
  for (const [code, [x, y]] of centroids) {
    if (code === from) continue;
    const dx = x - origin[0],
      dy = y - origin[1];
    const along = dx * ux + dy * uy;
    if (!(along > 0)) continue;
    const score = along + 2 * Math.abs(dx * uy - dy * ux);
    if (score < bestScore) {
      bestScore = score;
      best = code;
    }
  }
  return best;
}

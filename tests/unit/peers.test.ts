import { describe, expect, it } from 'vitest';
import {
  features,
  nearestPeers,
  position,
  standardise,
  strengthsAndAreas,
  versus,
  type Context
} from '../../src/lib/region/peers';

const unit = (code: string, households: number, urban: boolean): Context => ({
  code,
  residents: households * 3,
  households,
  units: 1,
  urbanUnits: urban ? 1 : 0
});

describe('nearest neighbours by structural context', () => {
  it('standardises each column to mean 0 and sd 1; a constant column contributes nothing', () => {
    const z = standardise([
      [1, 5],
      [3, 5]
    ]);
    expect(z).toEqual([
      [-1, 0],
      [1, 0]
    ]);
  });
  it('finds units of similar size and make-up first, never itself, ties by code', () => {
    const all = [
      unit('a', 1000, true),
      unit('b', 1100, true), // nearest to a: same type, similar size
      unit('c', 1000, false), // same size but rural: farther than b and e
      unit('d', 5000, true), // five times the size: farther still (size enters through three features)
      unit('e', 1100, true) // as near as b: b first by code
    ];
    const peers = nearestPeers('a', all, 3);
    expect(peers.map((p) => p.code)).toEqual(['b', 'e', 'c']);
    expect(peers[0].distance).toBe(peers[1].distance);
    expect(peers.every((p) => p.distance > 0)).toBe(true);
    expect(nearestPeers('zz', all)).toEqual([]);
  });
  it('compares structure only: the features hold no performance indicator', () => {
    const f = features({ code: 'x', residents: 3000, households: 1000, units: 4, urbanUnits: 1 });
    expect(f).toHaveLength(5);
    expect(f[3]).toBe(0.25);
    expect(f[4]).toBeCloseTo(Math.log(250), 10);
  });
});

describe('position among peers', () => {
  it('quartile 1 is the best quarter, by direction', () => {
    const others = [10, 20, 30, 40];
    expect(position(45, others, 1)).toEqual({ quartile: 1, better: 1, n: 4 });
    expect(position(45, others, -1)).toEqual({ quartile: 4, better: 0, n: 4 });
    expect(position(25, others, 1)?.quartile).toBe(2);
    expect(position(20, others, 1)?.better).toBe(0.375); // beats one, ties one
    expect(position(5, [], 1)).toBeNull();
    expect(position(5, others, 0)).toBeNull();
  });
});

describe('strengths and areas to improve', () => {
  it('ranks indicators by standardised distance from the peers, direction-aware', () => {
    const peers = [
      { a: 10, b: 100, c: 1 },
      { a: 12, b: 110, c: 2 },
      { a: 14, b: 120, c: 3 }
    ];
    const inds = [
      { id: 'a', direction: 1 },
      { id: 'b', direction: -1 },
      { id: 'c', direction: 1 }
    ];
    const r = strengthsAndAreas({ a: 16, b: 130, c: 2 }, peers, inds);
    expect(r.strengths.map((s) => s.id)).toEqual(['a']); // 2 sd above
    expect(r.strengths[0].z).toBeCloseTo(2, 10);
    expect(r.areas.map((s) => s.id)).toEqual(['b']); // lower is better: 130 is 2 sd worse
    expect(r.areas[0].z).toBeCloseTo(-2, 10);
  });
});

describe('a survey figure against a comparison value', () => {
  it('is above or below only when its interval excludes the value', () => {
    expect(versus(85, 3, 80)).toBe('above');
    expect(versus(85, 6, 80)).toBe('same');
    expect(versus(70, 3, 80)).toBe('below');
    expect(versus(80.5, null, 80)).toBe('above');
  });
});

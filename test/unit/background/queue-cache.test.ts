import { describe, expect, it } from 'vitest';
import { QueueCache } from '../../../lib/background/queue-cache';
import type { Triage } from '../../../lib/contract/triage';

const row = (id: string, status: Triage['status'] = 'open') => ({ key: `x:${id}`, status }) as Triage;

describe("the background's cache of every row", () => {
  it('reads the store once, then follows the changes it is told about', async () => {
    let reads = 0;
    const stored = [row('1'), row('2')];
    const cache = new QueueCache(async () => {
      reads += 1;
      return stored;
    });
    expect((await cache.all()).map((r) => r.key)).toEqual(['x:1', 'x:2']);
    cache.put([row('2', 'accepted'), row('3')]);
    expect((await cache.all()).map((r) => [r.key, r.status])).toEqual([
      ['x:1', 'open'],
      ['x:2', 'accepted'],
      ['x:3', 'open'],
    ]);
    expect(reads).toBe(1);
  });

  it('keeps a change made while the first read is out, and reads again after rows were dropped', async () => {
    let release: () => void = () => undefined;
    const stored = [row('1')];
    const cache = new QueueCache(() => new Promise<Triage[]>((resolve) => (release = () => resolve([...stored]))));
    const first = cache.all();
    cache.put([row('1', 'closed')]);
    release();
    expect((await first).map((r) => r.status)).toEqual(['closed']);
    stored.length = 0;
    cache.invalidate();
    const again = cache.all();
    release();
    expect(await again).toEqual([]);
  });
});

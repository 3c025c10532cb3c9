import { afterEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from '../../../lib/background/coalesce';

afterEach(() => vi.useRealTimers());

describe('coalesce (pushing comments seen while scrolling)', () => {
  it('runs once after the triggers stop, and at the latest maxWait after the first', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const trigger = coalesce(run, { quietMs: 2_000, maxWaitMs: 10_000 });
    for (let second = 0; second < 5; second++) {
      trigger();
      vi.advanceTimersByTime(1_000);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(run).toHaveBeenCalledOnce();
    // Scrolling that never pauses still pushes every 10 s.
    for (let second = 0; second < 12; second++) {
      trigger();
      vi.advanceTimersByTime(1_000);
    }
    expect(run).toHaveBeenCalledTimes(2);
  });
});

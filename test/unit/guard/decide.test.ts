import { afterEach, describe, expect, it, vi } from 'vitest';
import { blockingFindings, CheckTimedOut, decidePost, overriddenRuleIds, sortFindings, withinTime } from '../../../lib/guard/decide';
import type { GuardFinding } from '../../../lib/guard/protocol';

const finding = (ruleId: string, severity: GuardFinding['severity'], start: number): GuardFinding => ({
  ruleId, category: 'personal_info', severity, start, end: start + 4, excerpt: 'xxxx', message: 'm', source: 's', scope: 'draft',
});

describe('what a post action does', () => {
  const aadhaar = finding('en.personal_info.aadhaar', 'block', 5);
  const mobile = finding('en.personal_info.mobile', 'warn', 20);

  it('holds a checked draft with a block finding', () => {
    expect(decidePost('draft', { text: 'draft', findings: [mobile, aadhaar] })).toBe('block');
  });

  it('lets a checked draft through when its findings are only warnings', () => {
    expect(decidePost('draft', { text: 'draft', findings: [mobile] })).toBe('pass');
    expect(decidePost('draft', { text: 'draft', findings: [] })).toBe('pass');
  });

  it('checks first when the draft changed since its last check, or was never checked', () => {
    expect(decidePost('draft and more', { text: 'draft', findings: [] })).toBe('check-first');
    expect(decidePost('draft', null)).toBe('check-first');
  });

  it('leaves a blank draft to the site', () => {
    expect(decidePost('  \n', null)).toBe('pass');
  });
});

describe('findings', () => {
  it('are listed worst first, then in draft order', () => {
    const sorted = sortFindings([finding('c', 'info', 0), finding('b', 'warn', 1), finding('a2', 'block', 9), finding('a1', 'block', 3)]);
    expect(sorted.map((f) => f.ruleId)).toEqual(['a1', 'a2', 'b', 'c']);
  });

  it('an override names each blocking rule once', () => {
    const findings = [finding('aadhaar', 'block', 0), finding('aadhaar', 'block', 30), finding('pan', 'block', 50), finding('mobile', 'warn', 70)];
    expect(blockingFindings(findings)).toHaveLength(3);
    expect(overriddenRuleIds(findings)).toEqual(['aadhaar', 'pan']);
  });
});

describe('waiting for the background check', () => {
  afterEach(() => vi.useRealTimers());

  it('passes the answer through when it comes in time', async () => {
    await expect(withinTime(Promise.resolve(['ok']), 3000)).resolves.toEqual(['ok']);
  });

  it('rejects with CheckTimedOut when the background does not answer, so the post is held back', async () => {
    vi.useFakeTimers();
    const never = new Promise<never>(() => undefined);
    const waiting = withinTime(never, 3000);
    const outcome = expect(waiting).rejects.toBeInstanceOf(CheckTimedOut);
    await vi.advanceTimersByTimeAsync(3000);
    await outcome;
    await expect(waiting).rejects.toThrow('no answer within 3 s');
  });
});

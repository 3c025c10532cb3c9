import { afterEach, describe, expect, it, vi } from 'vitest';
import { PostGate, type CheckName, type HeldUnchecked, type PostAttempt, type PostCheck, type Verdict } from '../../../lib/gate/gate';
import { listenForPosts } from '../../../lib/gate/listen';
import type { GuardFinding } from '../../../lib/guard/protocol';

const block: GuardFinding = {
  ruleId: 'en.personal_info.aadhaar', category: 'personal_info', severity: 'block', start: 0, end: 4, excerpt: 'x', message: 'm', source: 's', scope: 'draft',
};

const attemptOn = (text = 'A reply'): PostAttempt => ({ editor: document.createElement('div'), text, item: null, findings: [] });

/** A check that logs each question and answers as told. */
function logging(name: CheckName, log: string[], answer: { quick?: Verdict | undefined; decide?: () => Promise<Verdict> } = { quick: 'pass' }): PostCheck {
  return {
    name,
    quick: 'quick' in answer ? (attempt) => (log.push(`${name}.quick:${attempt.findings.length}`), answer.quick) : undefined,
    decide: answer.decide ? (attempt) => (log.push(`${name}.decide:${attempt.findings.length}`), answer.decide!()) : undefined,
    posted: () => log.push(`${name}.posted`),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the post gate', () => {
  afterEach(() => vi.useRealTimers());

  it('asks guard, approval, then recording, whatever order they were registered in, and notes the post as it goes', () => {
    const log: string[] = [];
    const gate = new PostGate();
    gate.register(logging('recording', log, {}));
    gate.register(logging('approval', log));
    gate.register({ name: 'guard', quick: (attempt) => (log.push('guard.quick'), (attempt.findings = [block]), 'pass') });
    const post = vi.fn();
    expect(gate.attempt(attemptOn(), true, post)).toBe('pass');
    // The approval check sees the guard's findings; the recording only notes the post, after both.
    expect(log).toEqual(['guard.quick', 'approval.quick:1', 'approval.posted', 'recording.posted']);
    // Passed at once: the site's own handler posts it, the gate replays nothing.
    expect(post).not.toHaveBeenCalled();
  });

  it('holds while a check asks the background, then posts once, after the checks that follow it', async () => {
    const log: string[] = [];
    const gate = new PostGate();
    let answer!: (verdict: Verdict) => void;
    gate.register(logging('guard', log, { quick: undefined, decide: () => new Promise((resolve) => (answer = resolve)) }));
    gate.register(logging('approval', log));
    gate.register(logging('recording', log, {}));
    const post = vi.fn();
    const attempt = attemptOn();
    expect(gate.attempt(attempt, true, post)).toBe('hold');
    // Pressed again while it is being decided: held, and not asked twice.
    expect(gate.attempt(attempt, true, post)).toBe('hold');
    expect(log).toEqual(['guard.quick:0', 'guard.decide:0']);
    answer('pass');
    await flush();
    expect(log).toEqual(['guard.quick:0', 'guard.decide:0', 'approval.quick:0', 'guard.posted', 'approval.posted', 'recording.posted']);
    expect(post).toHaveBeenCalledTimes(1);
  });

  it('a check that holds stops the checks after it until it resumes the post', async () => {
    const log: string[] = [];
    const gate = new PostGate();
    let resume!: () => void;
    gate.register({ name: 'guard', quick: (_attempt, hold) => ((resume = hold.resume), log.push('guard'), 'hold') });
    gate.register(logging('approval', log));
    gate.register(logging('recording', log, {}));
    const post = vi.fn();
    expect(gate.attempt(attemptOn(), true, post)).toBe('hold');
    expect(log).toEqual(['guard']);
    expect(post).not.toHaveBeenCalled();
    // E.g. the moderator overrode the finding with a reason: the approval check is still asked.
    resume();
    resume();
    await flush();
    expect(log).toEqual(['guard', 'approval.quick:0', 'approval.posted', 'recording.posted']);
    expect(post).toHaveBeenCalledTimes(1);
  });

  it('a hold by the approval check keeps the post and records nothing', async () => {
    const log: string[] = [];
    const gate = new PostGate();
    gate.register(logging('guard', log));
    gate.register(logging('approval', log, { quick: undefined, decide: async () => 'hold' }));
    gate.register(logging('recording', log, {}));
    const post = vi.fn();
    expect(gate.attempt(attemptOn(), true, post)).toBe('hold');
    await flush();
    expect(log).toEqual(['guard.quick:0', 'approval.quick:0', 'approval.decide:0']);
    expect(post).not.toHaveBeenCalled();
  });

  it('fails closed: a check that does not answer in time holds the post, says why, and never posts it later', async () => {
    vi.useFakeTimers();
    const gate = new PostGate({ timeoutMs: 3000 });
    const held: HeldUnchecked[] = [];
    gate.onHeldUnchecked((h) => held.push(h));
    let answer!: (verdict: Verdict) => void;
    let signal!: AbortSignal;
    gate.register({ name: 'guard', decide: (_attempt, hold) => ((signal = hold.signal), new Promise((resolve) => (answer = resolve))) });
    gate.register({ name: 'approval', quick: () => 'pass' });
    const post = vi.fn();
    expect(gate.attempt(attemptOn(), true, post)).toBe('hold');
    await vi.advanceTimersByTimeAsync(3000);
    expect(held).toEqual([expect.objectContaining({ check: 'guard', reason: 'timeout', detail: '3' })]);
    expect(signal.aborted).toBe(true);
    answer('pass');
    await vi.advanceTimersByTimeAsync(10);
    expect(post).not.toHaveBeenCalled();
  });

  it('fails closed when a check throws, and when the guard or the approval check is not registered yet', async () => {
    const gate = new PostGate();
    const held: HeldUnchecked[] = [];
    gate.onHeldUnchecked((h) => held.push(h));
    const post = vi.fn();
    gate.register({ name: 'guard', quick: () => 'pass' });
    expect(gate.attempt(attemptOn(), true, post)).toBe('hold');
    expect(held.at(-1)).toMatchObject({ check: 'approval', reason: 'not-ready' });
    gate.register({ name: 'approval', decide: async () => Promise.reject(new Error('the background is gone')) });
    expect(gate.attempt(attemptOn(), true, post)).toBe('hold');
    await flush();
    expect(held.at(-1)).toMatchObject({ check: 'approval', reason: 'failed', detail: 'the background is gone' });
    expect(post).not.toHaveBeenCalled();
  });

  it('never releases a post the moderator did not make (an untrusted event), even when every check passes', () => {
    const log: string[] = [];
    const gate = new PostGate();
    gate.register(logging('guard', log));
    gate.register(logging('approval', log));
    gate.register(logging('recording', log, {}));
    const post = vi.fn();
    expect(gate.attempt(attemptOn(), false, post)).toBe('hold');
    expect(log).toEqual([]);
    expect(post).not.toHaveBeenCalled();
  });
});

describe('the gate’s listeners', () => {
  const setUp = (html: string, platform: 'x' | 'facebook', checks: { guard?: PostCheck['quick']; approval?: PostCheck['decide'] } = {}) => {
    document.body.innerHTML = html;
    const gate = new PostGate();
    const posted: string[] = [];
    gate.register({ name: 'guard', quick: checks.guard ?? (() => 'pass') });
    gate.register({ name: 'approval', ...(checks.approval ? { decide: checks.approval } : { quick: () => 'pass' }) });
    gate.register({ name: 'recording', posted: (attempt) => posted.push(attempt.text) });
    const controller = new AbortController();
    listenForPosts(gate, { platform, itemOf: () => null, target: window, signal: controller.signal });
    return { posted, stop: () => controller.abort() };
  };

  it('X mobile: the textarea composer’s Post button and Ctrl+Enter go through the gate', () => {
    const { posted, stop } = setUp(
      `<div><textarea data-testid="tweetTextarea_0"></textarea><div role="button" data-testid="tweetButton"><span id="label">Post</span></div></div>`,
      'x',
    );
    const textarea = document.querySelector('textarea')!;
    textarea.value = 'From the phone';
    // happy-dom marks dispatched events untrusted: define them as the moderator's.
    const trusted = <E extends Event>(event: E) => (Object.defineProperty(event, 'isTrusted', { value: true }), event);
    document.getElementById('label')!.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, cancelable: true })));
    textarea.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true })));
    // A click the page's own script makes up is held and never recorded.
    const forged = new MouseEvent('click', { bubbles: true, cancelable: true });
    document.getElementById('label')!.dispatchEvent(forged);
    expect(forged.defaultPrevented).toBe(true);
    expect(posted).toEqual(['From the phone', 'From the phone']);
    stop();
  });

  it('Facebook: Enter is held while the approval check decides, then replayed once as Enter on the comment box', async () => {
    let answer!: (verdict: Verdict) => void;
    const { posted, stop } = setUp(
      `<form role="presentation"><div id="box" contenteditable="true" role="textbox" data-lexical-editor="true"><p><span>Needs a look</span></p></div></form>`,
      'facebook',
      { approval: () => new Promise((resolve) => (answer = resolve)) },
    );
    const box = document.getElementById('box')!;
    const seenBySite: number[] = [];
    box.addEventListener('keydown', (event) => seenBySite.push(event.keyCode));
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    Object.defineProperty(enter, 'isTrusted', { value: true });
    box.querySelector('span')!.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    expect(seenBySite).toEqual([]);
    answer('pass');
    await flush();
    // Lexical's and Draft.js's handlers read keyCode.
    expect(seenBySite).toEqual([13]);
    expect(posted).toEqual(['Needs a look']);
    stop();
  });
});

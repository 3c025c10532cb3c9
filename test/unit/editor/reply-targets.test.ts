import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReplyTargets } from '../../../lib/editor/reply-targets';

// Enough of X's page: two tweets with reply actions, the reply dialog with a (mobile) textarea composer.
const page = `
<article data-testid="tweet" tabindex="0" data-id="111"><div role="group"><button data-testid="reply">Reply</button></div></article>
<article data-testid="tweet" tabindex="0" data-id="222"><div role="group"><button data-testid="reply">Reply</button></div></article>
<div role="dialog"><textarea data-testid="tweetTextarea_0"></textarea></div>
<textarea data-testid="tweetTextarea_0" id="inline"></textarea>`;

let targets: ReplyTargets<string> | undefined;
afterEach(() => {
  targets?.dispose();
  document.body.innerHTML = '';
  vi.useRealTimers();
});

const identify = (element: Element) => element.getAttribute('data-id');

describe('ReplyTargets', () => {
  it('gives the composer that takes focus after a Reply click to that comment', () => {
    document.body.innerHTML = page;
    targets = new ReplyTargets(document, 'x', identify);
    const dialogComposer = document.querySelector('[role="dialog"] textarea')!;
    document.querySelectorAll<HTMLElement>('[data-testid="reply"]')[1]!.click();
    (dialogComposer as HTMLElement).focus();
    expect(targets.targetOf(dialogComposer)).toBe('222');
    // A later focus of another composer without a Reply click binds nothing.
    const inline = document.getElementById('inline')!;
    inline.focus();
    expect(targets.targetOf(inline)).toBeNull();
  });

  it('forgets a Reply click that no composer followed in time', () => {
    vi.useFakeTimers();
    document.body.innerHTML = page;
    targets = new ReplyTargets(document, 'x', identify);
    document.querySelector<HTMLElement>('[data-testid="reply"]')!.click();
    vi.advanceTimersByTime(6_000);
    const dialogComposer = document.querySelector<HTMLElement>('[role="dialog"] textarea')!;
    dialogComposer.focus();
    expect(targets.targetOf(dialogComposer)).toBeNull();
  });

  it('takes the inline composer of an X status page to answer the focused tweet', () => {
    document.body.innerHTML = `<article data-testid="tweet" tabindex="-1" data-id="999"></article>${page}`;
    targets = new ReplyTargets(document, 'x', identify);
    expect(targets.targetOf(document.getElementById('inline')!)).toBe('999');
    expect(targets.targetOf(document.querySelector('[role="dialog"] textarea')!)).toBeNull();
  });

  it('keeps an explicit binding', () => {
    document.body.innerHTML = page;
    targets = new ReplyTargets(document, 'facebook', identify);
    const inline = document.getElementById('inline')!;
    targets.bind(inline, '333');
    expect(targets.targetOf(inline)).toBe('333');
  });

  it('gives a reply dialog that opens after a Reply click to that comment, though its composer never takes focus (a page in a background tab gets no focus events)', async () => {
    document.body.innerHTML = page;
    targets = new ReplyTargets(document, 'x', identify);
    document.querySelectorAll<HTMLElement>('[data-testid="reply"]')[0]!.click();
    const opened = document.createElement('div');
    opened.setAttribute('role', 'dialog');
    opened.innerHTML = '<textarea data-testid="tweetTextarea_0"></textarea>';
    document.body.append(opened);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(targets.targetOf(opened.querySelector('textarea')!)).toBe('111');
    // The dialog that was already open is not the one the click opened.
    expect(targets.targetOf(document.querySelector('[role="dialog"] textarea')!)).toBeNull();
  });

  it('does not give a dialog that opens long after a Reply click (say, a new post) to that comment', async () => {
    document.body.innerHTML = page;
    const now = vi.spyOn(Date, 'now');
    now.mockReturnValue(1_000_000);
    targets = new ReplyTargets(document, 'x', identify);
    document.querySelectorAll<HTMLElement>('[data-testid="reply"]')[0]!.click();
    now.mockReturnValue(1_000_000 + 6_000);
    const opened = document.createElement('div');
    opened.setAttribute('role', 'dialog');
    opened.innerHTML = '<textarea data-testid="tweetTextarea_0"></textarea>';
    document.body.append(opened);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(targets.targetOf(opened.querySelector('textarea')!)).toBeNull();
    now.mockRestore();
  });

  it('marks the composer opened by the Reply action of a comment it cannot identify: a reply to an unknown comment, not a new post', () => {
    document.body.innerHTML = `<article data-testid="tweet" tabindex="0"><div role="group"><button data-testid="reply">Reply</button></div></article>${page}`;
    targets = new ReplyTargets(document, 'x', identify);
    const inline = document.getElementById('inline')!;
    expect(targets.answersUnidentified(inline)).toBe(false);
    document.querySelector<HTMLElement>('[data-testid="reply"]')!.click();
    const dialogComposer = document.querySelector<HTMLElement>('[role="dialog"] textarea')!;
    dialogComposer.focus();
    expect(targets.targetOf(dialogComposer)).toBeNull();
    expect(targets.answersUnidentified(dialogComposer)).toBe(true);
    targets.bind(dialogComposer, '444');
    expect(targets.answersUnidentified(dialogComposer)).toBe(false);
  });
});

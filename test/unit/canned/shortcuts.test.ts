import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommentItem } from '../../../lib/contract/item';
import { DEFAULT_CANNED_LIBRARY } from '../../../lib/canned/default-library';
import { buildRenderContext, renderReply } from '../../../lib/canned/render';
import { installCannedShortcuts } from '../../../lib/canned/shortcuts';
import { ReplyTargets } from '../../../lib/editor/reply-targets';
import { DEMO_ORG } from '../../../lib/org/demo-org';

const item = (lang: string): CommentItem => ({
  platform: 'x',
  id: '1790000000000000001',
  author: { name: 'Sunita Devi', handle: 'sunita_d' },
  text: 'My hallmark certificate?',
  permalink: 'https://x.com/sunita_d/status/1790000000000000001',
  createdAt: '2026-11-23T04:30:00.000Z',
  lang,
});
const ack = DEFAULT_CANNED_LIBRARY.find((r) => r.shortcut === '/ack')!;

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  document.body.innerHTML = '';
});

function setUp(comment: CommentItem | null) {
  document.body.innerHTML = '<div role="dialog"><textarea></textarea></div>';
  const composer = document.querySelector('textarea')!;
  const targets = new ReplyTargets<CommentItem>(document, 'x', () => null);
  if (comment) targets.bind(composer, comment);
  const onInserted = vi.fn();
  cleanups.push(
    () => targets.dispose(),
    installCannedShortcuts(window, {
      platform: 'x',
      org: () => DEMO_ORG,
      targets,
      triage: () => ({ departmentId: 'hallmarking' }),
      language: () => 'en',
      onInserted,
    }),
  );
  return { composer, onInserted };
}

/** A Tab as the moderator presses it (happy-dom lets a test mark it trusted; real browsers never let a page). */
const typeAndTab = (composer: HTMLTextAreaElement, value: string, trusted = true) => {
  composer.value = value;
  composer.setSelectionRange(value.length, value.length);
  const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
  if (trusted) Object.defineProperty(tab, 'isTrusted', { value: true });
  composer.dispatchEvent(tab);
  return tab;
};

describe('installCannedShortcuts', () => {
  it('expands /ack for the comment the composer answers, in the comment’s language, and reports it', async () => {
    const comment = item('hi');
    const { composer, onInserted } = setUp(comment);
    expect(typeAndTab(composer, '/ack').defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(onInserted).toHaveBeenCalled());
    const context = buildRenderContext({ item: comment, triage: { departmentId: 'hallmarking' }, org: DEMO_ORG, now: new Date() });
    expect(composer.value).toBe(renderReply(ack, 'hi', context).text);
    expect(composer.value).toMatch(/^प्रिय Sunita Devi,/);
    expect(onInserted.mock.calls[0]!.slice(0, 2)).toEqual([comment, ack]);
    expect(onInserted.mock.calls[0]![2]).toMatchObject({ ok: true });
  });

  it('answers an English comment in English', async () => {
    const { composer, onInserted } = setUp(item('en'));
    typeAndTab(composer, '/ack');
    await vi.waitFor(() => expect(onInserted).toHaveBeenCalled());
    expect(composer.value).toMatch(/^Dear Sunita Devi,/);
  });

  it('ignores a Tab dispatched by the site’s scripts', () => {
    const { composer, onInserted } = setUp(item('en'));
    expect(typeAndTab(composer, '/ack', false).defaultPrevented).toBe(false);
    expect(composer.value).toBe('/ack');
    expect(onInserted).not.toHaveBeenCalled();
  });

  it('leaves Tab alone in a composer that answers no known comment', () => {
    const { composer } = setUp(null);
    expect(typeAndTab(composer, '/ack').defaultPrevented).toBe(false);
    expect(composer.value).toBe('/ack');
  });
});

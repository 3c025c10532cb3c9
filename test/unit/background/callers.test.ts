import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '../../../lib/background/start';

// The background's message handlers, reached as the browser reaches them (fakeBrowser's runtime.onMessage),
// from callers it must tell apart by the sender the browser reports.
const id = fakeBrowser.runtime.id;
const senders = {
  optionsPage: { id, url: fakeBrowser.runtime.getURL('/options.html') },
  sidePanel: { id, url: fakeBrowser.runtime.getURL('/sidepanel.html') },
  xContentScript: { id, url: 'https://x.com/home', tab: { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false, windowId: 0 }, frameId: 0 },
  /** Our content script's id but a page that is not one of the sites (e.g. a frame or a redirect). */
  elsewhere: { id, url: 'https://evil.example/x.com', tab: { id: 8, index: 1, highlighted: false, active: false, pinned: false, incognito: false, windowId: 0 }, frameId: 0 },
  /** Another extension. */
  otherExtension: { id: 'another-extension', url: 'chrome-extension://another-extension/page.html' },
};
type SenderName = keyof typeof senders;

let messageId = 0;
/** Sends a message in @webext-core/messaging's format and returns what the handler answered. */
async function ask(type: string, data: unknown, from: SenderName): Promise<{ res?: unknown; err?: { message: string } }> {
  return new Promise((answer) => {
    // The listener answers through sendResponse (the browser passes it as a third argument).
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
    void trigger({ id: ++messageId, type, data, timestamp: Date.now() }, senders[from], answer);
  });
}

const item = {
  platform: 'x' as const,
  id: '1790000000000000001',
  author: { name: 'Ramesh Kumar', handle: 'ramesh_k' },
  text: 'When will my hallmarking licence come?',
  permalink: 'https://x.com/ramesh_k/status/1790000000000000001',
  createdAt: '2026-11-23T04:30:00.000Z',
};
const flag = { item, op: { type: 'flag', flag: 'rumour', on: true } };

describe('the background checks who is asking', () => {
  beforeAll(() => {
    // fakeBrowser has no runtime.onConnect (the queue page's port): the handlers under test do not need it.
    Object.assign(fakeBrowser.runtime, { onConnect: { addListener: () => undefined } });
    startBackground();
  });

  it("takes a content script's triage action only from our content scripts on the sites (and our pages)", async () => {
    for (const from of ['elsewhere', 'otherExtension'] as const) {
      expect((await ask('mutate', flag, from)).err?.message, from).toMatch(/not allowed/);
    }
    expect(await ask('getTriage', [`x:${item.id}`], 'xContentScript')).toEqual({ res: [] });
    expect((await ask('mutate', flag, 'xContentScript')).res).toMatchObject({ outcome: 'applied' });
    expect((await ask('getTriage', [`x:${item.id}`], 'sidePanel')).res).toEqual([expect.objectContaining({ flags: ['rumour'] })]);
  });

  it('signs in, signs out, saves the organisation and lists every item only for the extension pages', async () => {
    for (const type of ['signIn', 'signOut', 'saveOrg', 'listTriage', 'countTriaged', 'syncStatus']) {
      for (const from of ['xContentScript', 'elsewhere', 'otherExtension'] as const) {
        expect((await ask(type, {}, from)).err?.message, `${type} from ${from}`).toMatch(/not allowed/);
      }
    }
    // From the options page the same sign-in is handled (and fails on its own merits: bad input).
    expect((await ask('signIn', { serverUrl: '', email: 'x', password: '' }, 'optionsPage')).res).toMatchObject({ ok: false });
    expect((await ask('countTriaged', undefined, 'optionsPage')).res).toBe(1);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectPageBridge, insertText } from '../../../lib/editor/client';
import { installPageBridge } from '../../../lib/editor/page-bridge';
import { HELLO_EVENT, INSERT_EVENT, PORT_EVENT } from '../../../lib/editor/protocol';
import { installShortcutExpansion } from '../../../lib/editor/shortcuts';

function textarea(value = ''): HTMLTextAreaElement {
  document.body.innerHTML = '<textarea></textarea>';
  const element = document.querySelector('textarea')!;
  element.value = value;
  element.setSelectionRange(value.length, value.length);
  return element;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  document.body.innerHTML = '';
});

describe('insertion into a <textarea> (mobile X)', () => {
  it('sets the value the way React sees it, fires one input event and leaves the caret after the reply', async () => {
    const element = textarea('Hello');
    const inputs = vi.fn();
    element.addEventListener('input', inputs);
    const result = await insertText(element, { mode: 'append', text: 'नमस्ते,\nधन्यवाद' });
    expect(result).toMatchObject({ ok: true, method: 'value-setter', text: 'Hello नमस्ते,\nधन्यवाद' });
    expect(element.value).toBe('Hello नमस्ते,\nधन्यवाद');
    expect(inputs).toHaveBeenCalledTimes(1);
    expect(element.selectionStart).toBe(element.value.length);
  });

  it('replaces the shortcut before the caret, keeping text after it', async () => {
    const element = textarea('Sir, /ack thanks');
    element.setSelectionRange(9, 9);
    const result = await insertText(element, { mode: 'replace-shortcut', shortcut: '/ack', text: 'Noted.' });
    expect(result.ok).toBe(true);
    expect(element.value).toBe('Sir, Noted. thanks');
    expect(element.selectionStart).toBe('Sir, Noted.'.length);
  });

  it('refuses to replace when the shortcut is no longer before the caret', async () => {
    const element = textarea('Sir, /ac');
    const result = await insertText(element, { mode: 'replace-shortcut', shortcut: '/ack', text: 'Noted.' });
    expect(result).toMatchObject({ ok: false, reason: 'shortcut-not-found' });
    expect(element.value).toBe('Sir, /ac');
  });
});

describe('page-world bridge', () => {
  /** The page-bridge script and the isolated world's end, connected as at document_start. */
  const connected = () => {
    cleanups.push(installPageBridge(document));
    cleanups.push(connectPageBridge(window));
  };
  /** Whatever the site's scripts could overhear on window and document while `work` runs. */
  const overheard = async (work: () => Promise<unknown>) => {
    const heard: string[] = [];
    const note = (event: Event) => heard.push(`${event.type}:${JSON.stringify((event as MessageEvent).data ?? (event as CustomEvent).detail ?? null)}`);
    const types = ['message', INSERT_EVENT, PORT_EVENT, HELLO_EVENT];
    for (const type of types) document.addEventListener(type, note);
    for (const type of types) window.addEventListener(type, note);
    try {
      await work();
    } finally {
      for (const type of types) document.removeEventListener(type, note);
      for (const type of types) window.removeEventListener(type, note);
    }
    return heard;
  };
  /** A port a hostile page makes and offers, as the page bridge would. */
  const offerPort = () => {
    const channel = new MessageChannel();
    const offer = new MessageEvent(PORT_EVENT, { ports: [channel.port2], cancelable: true });
    window.dispatchEvent(offer);
    return { taken: offer.defaultPrevented, port: channel.port1 };
  };

  it('carries the request to the page world on the private port and the result back; the page overhears no text', async () => {
    connected();
    const element = textarea();
    let result: unknown;
    const heard = await overheard(async () => {
      result = await insertText(element, { mode: 'append', text: 'Reply' });
    });
    expect(result).toMatchObject({ ok: true, text: 'Reply' });
    expect(element.value).toBe('Reply');
    // The composer is named by an event that stops at the bridge; the text and the result went on the port.
    expect(heard).toEqual([]);
  });

  it('hands its port over once: asking again, or offering another port, gets the page nothing', async () => {
    connected();
    const offered = vi.fn();
    window.addEventListener(PORT_EVENT, offered);
    cleanups.push(() => window.removeEventListener(PORT_EVENT, offered));
    window.dispatchEvent(new Event(HELLO_EVENT));
    expect(offered).not.toHaveBeenCalled();
    expect(offerPort().taken).toBe(false);
    const element = textarea();
    expect(await insertText(element, { mode: 'append', text: 'Still ours' })).toMatchObject({ ok: true });
  });

  it('accepts results only on its port: results the page forges on window or another port are ignored', async () => {
    // The bridge's end is held here and never answers, so only a forgery could.
    const channel = new MessageChannel();
    cleanups.push(connectPageBridge(window));
    window.dispatchEvent(new MessageEvent(PORT_EVENT, { ports: [channel.port2], cancelable: true }));
    const element = textarea();
    const forge = (event: Event) => {
      const id = (event as CustomEvent<string>).detail;
      const forged = { id, ok: true, method: 'paste', attempts: 1, text: 'Reply', expected: 'Reply' };
      window.postMessage({ kind: 'result', result: forged }, '*');
      document.dispatchEvent(new CustomEvent('samvad:editor-result', { detail: JSON.stringify(forged) }));
      offerPort().port.postMessage({ kind: 'result', result: forged });
    };
    document.addEventListener(INSERT_EVENT, forge);
    cleanups.push(() => document.removeEventListener(INSERT_EVENT, forge));
    const result = await insertText(element, { mode: 'append', text: 'Reply' }, { timeoutMs: 50 });
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    channel.port1.close();
  });

  it('refuses a port offered once the document has been parsed (where the bridge never came)', () => {
    cleanups.push(connectPageBridge(window));
    document.dispatchEvent(new Event('readystatechange'));
    expect(offerPort().taken).toBe(false);
  });

  it('answers a malformed request on the port with bad-request', async () => {
    cleanups.push(installPageBridge(document));
    // Take the port the way the isolated world does.
    const channel = await new Promise<MessagePort>((resolve) => {
      const take = (event: Event) => {
        event.preventDefault();
        window.removeEventListener(PORT_EVENT, take, true);
        resolve((event as MessageEvent).ports[0]!);
      };
      window.addEventListener(PORT_EVENT, take, true);
      window.dispatchEvent(new Event(HELLO_EVENT));
    });
    const answer = new Promise((resolve) => {
      channel.onmessage = (event) => resolve(event.data);
    });
    channel.postMessage({ kind: 'insert', request: { id: 'abcdefgh-1', mode: 'append' } });
    expect(await answer).toEqual({ kind: 'result', result: expect.objectContaining({ id: 'abcdefgh-1', ok: false, reason: 'bad-request' }) });
    channel.close();
  });
});

describe('shortcut expansion', () => {
  /** The moderator's own Tab (happy-dom lets a test mark it trusted; a page's script cannot). */
  const tab = (target: Element) => {
    const event = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    Object.defineProperty(event, 'isTrusted', { value: true });
    target.dispatchEvent(event);
    return event;
  };

  it('replaces a known shortcut on Tab and keeps Tab from moving focus', async () => {
    const element = textarea('/ack');
    const onResult = vi.fn();
    cleanups.push(installShortcutExpansion(window, { expand: (s) => (s === '/ack' ? 'धन्यवाद।' : null), onResult }));
    const event = tab(element);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(onResult).toHaveBeenCalled());
    expect(element.value).toBe('धन्यवाद।');
    expect(onResult.mock.calls[0]![1]).toBe('/ack');
  });

  it('lets Tab through after an unknown shortcut or plain text', () => {
    const element = textarea('/nope');
    cleanups.push(installShortcutExpansion(window, { expand: (s) => (s === '/ack' ? 'x' : null) }));
    expect(tab(element).defaultPrevented).toBe(false);
    element.value = 'plain';
    expect(tab(element).defaultPrevented).toBe(false);
    expect(element.value).toBe('plain');
  });
});

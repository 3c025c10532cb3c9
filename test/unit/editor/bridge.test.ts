import { afterEach, describe, expect, it, vi } from 'vitest';
import { insertText } from '../../../lib/editor/client';
import { installPageBridge } from '../../../lib/editor/page-bridge';
import { INSERT_EVENT, RESULT_EVENT } from '../../../lib/editor/protocol';
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
  it('carries the request to the page world and the result back', async () => {
    cleanups.push(installPageBridge(document));
    const element = textarea();
    const seenByPage = vi.fn();
    document.addEventListener(INSERT_EVENT, seenByPage);
    const result = await insertText(element, { mode: 'append', text: 'Reply' });
    expect(result).toMatchObject({ ok: true, text: 'Reply' });
    expect(element.value).toBe('Reply');
    // The bridge keeps the request from travelling on to the page's own listeners.
    expect(seenByPage).not.toHaveBeenCalled();
  });

  it('answers a malformed request with bad-request, and ignores results for other requests', async () => {
    cleanups.push(installPageBridge(document));
    const element = textarea();
    const results: unknown[] = [];
    const onResult = (event: Event) => results.push(JSON.parse((event as CustomEvent<string>).detail));
    document.addEventListener(RESULT_EVENT, onResult);
    cleanups.push(() => document.removeEventListener(RESULT_EVENT, onResult));
    element.dispatchEvent(new CustomEvent(INSERT_EVENT, { detail: JSON.stringify({ id: 'abcdefgh-1', mode: 'append' }), bubbles: true }));
    expect(results).toEqual([expect.objectContaining({ id: 'abcdefgh-1', ok: false, reason: 'bad-request' })]);
    expect(element.value).toBe('');
  });

  it('times out when the page answers pings but never the request', async () => {
    document.addEventListener('samvad:editor-ping', () => document.dispatchEvent(new CustomEvent('samvad:editor-pong')), { once: true });
    const element = textarea();
    const result = await insertText(element, { mode: 'append', text: 'Reply' }, { timeoutMs: 20 });
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
  });
});

describe('shortcut expansion', () => {
  const tab = (target: Element) => {
    const event = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
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

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createShadowHost } from '../../../lib/dom/shadow-host';

afterEach(() => {
  document.body.innerHTML = '';
});

function hostWithButton() {
  const { host, mount } = createShadowHost('samvad-test-host', ':host { display: block; }');
  const button = document.createElement('button');
  mount.append(button);
  document.body.append(host);
  const seenBySite = vi.fn();
  for (const type of ['click', 'keydown']) document.addEventListener(type, seenBySite);
  return { host, button, seenBySite };
}

describe('createShadowHost', () => {
  it('gives a closed shadow root, which the site cannot reach, with the shared stylesheet', () => {
    const first = createShadowHost('samvad-test-host', 'b { color: red }');
    const second = createShadowHost('samvad-test-host', 'b { color: red }');
    expect(first.host.shadowRoot).toBeNull();
    const root = first.mount.getRootNode() as ShadowRoot;
    expect(root).toBeInstanceOf(ShadowRoot);
    expect(root.mode).toBe('closed');
    expect(root.host).toBe(first.host);
    expect(root.adoptedStyleSheets[0]).toBe((second.mount.getRootNode() as ShadowRoot).adoptedStyleSheets[0]);
  });

  it('keeps clicks inside from reaching the site once the pointer has come over it', () => {
    const { button, seenBySite } = hostWithButton();
    button.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(seenBySite).not.toHaveBeenCalled();
  });

  it('keeps keys inside from reaching the site once focus has gone in', () => {
    const { button, seenBySite } = hostWithButton();
    button.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, composed: true }));
    expect(seenBySite).not.toHaveBeenCalled();
  });
});

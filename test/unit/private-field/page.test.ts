import { describe, expect, it } from 'vitest';
import { startFieldPage } from '../../../lib/private-field/page';
import { fieldFragment, parseFieldFragment, type FromField } from '../../../lib/private-field/protocol';

const NONCE = 'a'.repeat(48);
const OPTIONS = { label: 'Reason for posting anyway', lang: 'hi', theme: 'dark' as const, rows: 3 };

function offer(nonce: string): { port: MessagePort; heard: FromField[] } {
  const channel = new MessageChannel();
  const heard: FromField[] = [];
  channel.port1.onmessage = (event: MessageEvent<FromField>) => heard.push(event.data);
  window.dispatchEvent(new MessageEvent('message', { data: { kind: 'connect', nonce }, ports: [channel.port2] }));
  return { port: channel.port1, heard };
}

describe('the private field page', () => {
  it('round-trips its options through the URL fragment, and refuses a short nonce', () => {
    expect(parseFieldFragment(fieldFragment(NONCE, OPTIONS))).toEqual({ nonce: NONCE, ...OPTIONS });
    expect(parseFieldFragment(fieldFragment('short', OPTIONS))).toBeNull();
  });

  it('answers only the port offered with its own nonce, and reports what is typed there', async () => {
    window.location.hash = fieldFragment(NONCE, OPTIONS);
    document.body.replaceChildren();
    startFieldPage(window);
    const field = document.querySelector('textarea')!;
    expect(field.getAttribute('aria-label')).toBe(OPTIONS.label);
    expect(document.documentElement.lang).toBe('hi');

    const forged = offer('b'.repeat(48));
    const ours = offer(NONCE);
    field.value = 'Cleared by the legal cell';
    field.dispatchEvent(new Event('input'));
    ours.port.postMessage({ kind: 'read', id: 7 });
    await expect.poll(() => ours.heard).toEqual([
      { kind: 'ready' },
      { kind: 'input', value: 'Cleared by the legal cell' },
      { kind: 'value', id: 7, value: 'Cleared by the legal cell' },
    ]);
    expect(forged.heard).toEqual([]);
    // A second offer, even with the nonce, is not taken: the first port stays the only one.
    const second = offer(NONCE);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second.heard).toEqual([]);
  });
});

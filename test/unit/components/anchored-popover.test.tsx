import { render } from 'preact';
import { useRef } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAnchoredPopover } from '../../../components/use-anchored-popover';

/** An anchor whose box the test decides (happy-dom does no layout). */
function anchorAt(top: number): HTMLElement {
  const anchor = document.createElement('button');
  anchor.getBoundingClientRect = () => ({ top, bottom: top + 20, left: 30, right: 130, width: 100, height: 20, x: 30, y: top, toJSON: () => ({}) });
  document.body.append(anchor);
  return anchor;
}

let place: () => void = () => {};
function Popover({ anchor }: { anchor: HTMLElement }) {
  const ref = useRef<HTMLDivElement>(null);
  place = useAnchoredPopover(ref, anchor, () => {});
  return <div ref={ref} popover="manual" />;
}

function open(anchor: HTMLElement, height: number): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  const heights = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(height);
  render(<Popover anchor={anchor} />, container);
  heights.mockRestore();
  return container.querySelector('[popover]')!;
}

describe('a popover anchored to a comment’s toolbar', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('opens below the toolbar, never above it over the comment, and stays put while its list narrows', () => {
    const scrolled = vi.spyOn(window, 'scrollBy').mockImplementation(() => {});
    const anchor = anchorAt(100);
    const popover = open(anchor, 300);
    expect(popover.style.top).toBe('122px');
    expect(scrolled).not.toHaveBeenCalled();
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(80);
    place();
    expect(popover.style.top).toBe('122px');
  });

  it('near the bottom of the window, scrolls the page to make room instead of covering the comment', () => {
    const scrolled = vi.spyOn(window, 'scrollBy').mockImplementation(() => {});
    const anchor = anchorAt(innerHeight - 60);
    const popover = open(anchor, 300);
    expect(scrolled).toHaveBeenCalledTimes(1);
    const { top } = scrolled.mock.calls[0]![0] as ScrollToOptions;
    expect(top).toBeGreaterThan(0);
    // Still below the toolbar.
    expect(Number.parseInt(popover.style.top)).toBeGreaterThanOrEqual(innerHeight - 60 + 20);
  });
});

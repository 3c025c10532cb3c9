/**
 * Calls `onShown` once for each watched element when it is rendered near the viewport (within `margin`),
 * batched per IntersectionObserver callback, and stops watching it then. For the few comments a page keeps
 * hidden (display: none previews): an observer's cost is paid every frame for every element it watches, so
 * it never holds the comments that are shown.
 */
export class UntilShown {
  private readonly observer: IntersectionObserver;

  constructor(onShown: (elements: Element[]) => void, margin = '400px 0px') {
    this.observer = new IntersectionObserver(
      (entries) => {
        const shown = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target);
        for (const element of shown) this.observer.unobserve(element);
        if (shown.length) onShown(shown);
      },
      { rootMargin: margin },
    );
  }

  watch(element: Element): void {
    this.observer.observe(element);
  }

  disconnect(): void {
    this.observer.disconnect();
  }
}

/**
 * Tracks which of the watched elements are near the viewport (within `margin` of it), and calls
 * `onEnter` with those that come near, batched per IntersectionObserver callback.
 */
export class NearViewport {
  private readonly near = new Set<Element>();
  private readonly watched = new Set<Element>();
  private readonly observer: IntersectionObserver;

  constructor(onEnter: (elements: Element[]) => void, margin = '400px 0px') {
    this.observer = new IntersectionObserver(
      (entries) => {
        const entering: Element[] = [];
        for (const entry of entries) {
          if (entry.isIntersecting) {
            this.near.add(entry.target);
            entering.push(entry.target);
          } else this.near.delete(entry.target);
        }
        if (entering.length) onEnter(entering);
      },
      { rootMargin: margin },
    );
  }

  has(element: Element): boolean {
    return this.near.has(element);
  }

  watch(element: Element): void {
    if (this.watched.has(element)) return;
    this.watched.add(element);
    this.observer.observe(element);
  }

  forget(element: Element): void {
    this.observer.unobserve(element);
    this.watched.delete(element);
    this.near.delete(element);
  }

  /** Lets go of elements that left the page. */
  forgetDetached(): void {
    for (const element of this.watched) if (!element.isConnected) this.forget(element);
  }

  disconnect(): void {
    this.observer.disconnect();
    this.watched.clear();
    this.near.clear();
  }
}

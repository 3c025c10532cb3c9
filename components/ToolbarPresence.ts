/** What the toolbar says about others on the item: someone replying now, or the body's answer already under it. */
export interface ToolbarPresenceState {
  /** Another moderator has a composer open for the item (DESIGN.md: `data-presence="replying"`). */
  replying: boolean;
  /** "Kabir is replying", "answered by @IndianStandards 5 min ago", or both; empty for neither. */
  text: string;
}

/**
 * The presence line of a comment's toolbar status: sets `data-presence` on the status element and
 * writes its sentence as text in its own span, touching the DOM only when either changes.
 */
export class ToolbarPresence {
  readonly #line: HTMLElement;
  #written: ToolbarPresenceState | null = null;

  constructor(private readonly status: HTMLElement) {
    this.#line = status.ownerDocument.createElement('span');
    this.#line.className = 'presence';
    this.#line.hidden = true;
    status.append(this.#line);
  }

  update(state: ToolbarPresenceState = { replying: false, text: '' }): void {
    const written = this.#written;
    if (written?.replying !== state.replying) this.status.setAttribute('data-presence', state.replying ? 'replying' : '');
    if (written?.text !== state.text) {
      this.#line.textContent = state.text;
      this.#line.hidden = state.text === '';
    }
    this.#written = state;
  }
}

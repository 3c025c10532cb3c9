import { render } from 'preact';
import type { Department } from '../lib/contract/org';
import { FLAGS, type Flag, type Triage } from '../lib/contract/triage';
import type { Translate, UiLanguage } from '../lib/i18n';
import type { SlaStatus } from '../lib/triage/sla';
import { Menu } from './Menu';
import { ToolbarPresence, type ToolbarPresenceState } from './ToolbarPresence';

export interface ToolbarState {
  triage: Triage | undefined;
  departments: Department[];
  sla: SlaStatus;
  /** The SLA sentence, already formatted for the UI language ("Interim reply due in 2 h 5 min"). */
  slaText: string;
  /** A sentence to show after a failed or conflicting action; empty when all is well. */
  notice: string;
  /** The comment's time could not be read from the page: its clock runs from when it was first seen. */
  approximate: boolean;
  language: UiLanguage;
  t: Translate;
  /** Where the item's approval stands (`data-approval`), and the sentence shown for it (with the approver's note). */
  approval?: { status: 'none' | 'needed' | 'requested' | 'approved' | 'rejected'; text: string };
  /** Who else is replying, or the body's answer already under the comment; absent: neither. */
  presence?: ToolbarPresenceState;
  /** Whether the comment has a reply clock (it is the team's work); without one: `data-sla="none"` and Track. Default true. */
  clock?: boolean;
  /** Actions the signed-in user may take here (what the server would refuse is not offered). Default: all. */
  offered?: Partial<Record<ToolbarAction, boolean>>;
  /** Short lines after the clock: the other deadline, "posted, not yet seen", follow-ups. */
  workNotes?: string[];
}

export type ToolbarAction = 'assign' | 'reply' | 'flag' | 'track';

export interface ToolbarActions {
  onAssign: (departmentId: string | null) => void;
  onToggleFlag: (flag: Flag, on: boolean) => void;
  /** Opens the canned-reply picker under the Reply button. */
  onReply: (anchor: HTMLElement) => void;
  /** Tracks a comment that is not addressed to the body by hand: it gets a clock. */
  onTrack?: () => void;
  /**
   * Says a sentence to screen readers, through the page's one live region: this bar's status after the
   * moderator used it (assigned, flagged…) or a notice (a conflict, a failed save). Clock ticks are never said.
   */
  announce?: (text: string) => void;
}

type MenuKind = 'assign' | 'flag';

/** Drawn after the Assign and Flag labels: they open menus. */
const MENU_MARK = ' ▾';
/**
 * Drawn before the canned-reply label: a clipboard, so the button reads as "insert a prepared text" and is
 * not taken for the site's own Reply beside it.
 */
const CANNED_MARK = '📋 ';

function element(doc: Document, tag: string, attributes: Record<string, string> = {}, ...children: Node[]): HTMLElement {
  const created = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  created.append(...children);
  return created;
}

/** The bar's own buttons, in order: the toolbar's arrow keys move among those shown. */
const BAR_BUTTONS = ':scope > button[data-action]';

/** The bar the moderator last used (clicked or pressed a key in): its status changes are said aloud. */
let lastUsed: ToolbarView | null = null;

/** One bar per document, cloned for every comment: a page may hold a thousand of them. */
const templates = new WeakMap<Document, HTMLElement>();

function barTemplate(doc: Document): HTMLElement {
  let bar = templates.get(doc);
  if (!bar) {
    const menuButton = (action: MenuKind) =>
      element(doc, 'button', { type: 'button', tabindex: '-1', 'data-action': action, 'aria-haspopup': 'menu', 'aria-expanded': 'false' });
    bar = element(
      doc,
      'div',
      { class: 'bar', role: 'toolbar' },
      menuButton('assign'),
      element(doc, 'span', { class: 'menu-slot', 'data-menu': 'assign' }),
      element(doc, 'button', { type: 'button', tabindex: '-1', 'data-action': 'reply', 'aria-haspopup': 'dialog' }),
      menuButton('flag'),
      element(doc, 'span', { class: 'menu-slot', 'data-menu': 'flag' }),
      element(doc, 'button', { type: 'button', tabindex: '-1', 'data-action': 'track', hidden: '' }),
      element(
        doc,
        'span',
        // Not a live region: a thousand of them would each speak; the page's one live region does (announce).
        { class: 'status', 'data-samvad-status': '' },
        element(doc, 'span', { class: 'department' }),
        element(doc, 'span', { class: 'sla' }),
        element(doc, 'span', { class: 'notice', hidden: '' }),
        element(doc, 'span', { class: 'approval', hidden: '' }),
        element(doc, 'span', { class: 'work-notes' }),
      ),
    );
    templates.set(doc, bar);
  }
  return bar;
}

/**
 * The per-comment triage bar: Assign, Reply and Flag, and the status (department, flags, SLA). Plain
 * DOM cloned from one template and updated in place, since decorating a comment must cost a few
 * microseconds; the menus are Preact, rendered only while open. Comment text is never shown here:
 * only ids, names and states, always as text.
 */
export class ToolbarView {
  readonly #bar: HTMLElement;
  readonly #buttons: Record<MenuKind | 'reply', HTMLElement>;
  readonly #slots: Record<MenuKind, HTMLElement>;
  readonly #status: HTMLElement;
  readonly #department: HTMLElement;
  readonly #sla: HTMLElement;
  readonly #notice: HTMLElement;
  readonly #approval: HTMLElement;
  readonly #presence: ToolbarPresence;
  readonly #track: HTMLElement;
  readonly #workNotes: HTMLElement;
  #flagBadges: HTMLElement[] = [];
  /** What this bar last wrote where: comparing here is cheaper than reading the DOM back. */
  readonly #written = new Map<string, string>();
  #open: MenuKind | null = null;
  #state: ToolbarState | null = null;
  /** The button that holds the bar's one tab stop (roving tabindex); null until the first update. */
  #tabStop: HTMLElement | null = null;
  /** What the status said at the last update, to say a change once; null before the first. */
  #spoken: string | null = null;

  constructor(
    mount: HTMLElement,
    private readonly actions: ToolbarActions,
  ) {
    const bar = barTemplate(mount.ownerDocument).cloneNode(true) as HTMLElement;
    const [assign, assignSlot, reply, flag, flagSlot] = [...bar.children] as HTMLElement[];
    const status = bar.querySelector<HTMLElement>('[data-samvad-status]');
    this.#bar = bar;
    this.#buttons = { assign: assign!, reply: reply!, flag: flag! };
    this.#slots = { assign: assignSlot!, flag: flagSlot! };
    this.#status = status!;
    [this.#department, this.#sla, this.#notice, this.#approval] = [...status!.children] as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    this.#presence = new ToolbarPresence(status!);
    this.#track = bar.querySelector<HTMLElement>('[data-action="track"]')!;
    this.#workNotes = status!.querySelector<HTMLElement>('.work-notes')!;
    // One listener for the bar's buttons; the open menu's entries have their own.
    bar.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
      const action = button?.getAttribute('data-action');
      lastUsed = this;
      if (button instanceof HTMLElement && button.parentElement === bar) this.#moveTabStop(button);
      if (action === 'reply') this.actions.onReply(this.#buttons.reply);
      else if (action === 'track') this.actions.onTrack?.();
      else if (action === 'assign' || action === 'flag') this.#setOpen(this.#open === action ? null : action, false);
    });
    bar.addEventListener('keydown', (event) => this.#onKeyDown(event));
    mount.append(bar);
  }

  /**
   * The WAI-ARIA toolbar pattern: the bar is one tab stop, and Left/Right (wrapping), Home and End move
   * among its shown buttons. Keys inside an open menu are the menu's own.
   */
  #onKeyDown(event: KeyboardEvent): void {
    lastUsed = this;
    const target = event.target;
    if (!(target instanceof HTMLElement) || target.parentElement !== this.#bar || !target.matches('button')) return;
    // A menu button opens its menu on ArrowDown too (WAI-ARIA menu button); Enter and Space are its clicks.
    const action = target.getAttribute('data-action');
    if (event.key === 'ArrowDown' && (action === 'assign' || action === 'flag')) {
      event.preventDefault();
      this.#setOpen(action, false);
      return;
    }
    const buttons = this.#shownButtons();
    const index = buttons.indexOf(target);
    if (index < 0) return;
    const next =
      event.key === 'ArrowRight' ? buttons[(index + 1) % buttons.length]
      : event.key === 'ArrowLeft' ? buttons[(index - 1 + buttons.length) % buttons.length]
      : event.key === 'Home' ? buttons[0]
      : event.key === 'End' ? buttons[buttons.length - 1]
      : undefined;
    if (!next) return;
    event.preventDefault();
    this.#moveTabStop(next);
    next.focus();
  }

  #shownButtons(): HTMLElement[] {
    return [...this.#bar.querySelectorAll<HTMLElement>(BAR_BUTTONS)].filter((button) => !button.hidden);
  }

  /** Gives `button` the bar's one tab stop. */
  #moveTabStop(button: HTMLElement): void {
    if (this.#tabStop === button) return;
    this.#tabStop?.setAttribute('tabindex', '-1');
    button.setAttribute('tabindex', '0');
    this.#tabStop = button;
  }

  /**
   * Keeps the tab stop on a shown button: the first, unless the moderator moved it to another still shown.
   * Every other button is tabindex -1 from the template on.
   */
  #keepTabStop(): void {
    if (this.#tabStop && !this.#tabStop.hidden) return;
    const first = this.#shownButtons()[0];
    if (first) this.#moveTabStop(first);
  }

  /** Says the status once when it changed after the moderator used this bar, and any new notice. */
  #speak(spoken: string, notice: string, previousNotice: string | undefined): void {
    const before = this.#spoken;
    this.#spoken = spoken;
    const announce = this.actions.announce;
    if (!announce) return;
    if (notice && notice !== previousNotice) announce(notice);
    else if (before !== null && before !== spoken && lastUsed === this) announce(spoken);
  }

  update(state: ToolbarState): void {
    this.#state = state;
    const { triage, departments, sla, slaText, notice, approximate, language, t, clock = true } = state;
    const departmentId = triage?.departmentId ?? null;
    const department = departments.find((d) => d.id === departmentId);
    const flags = triage?.flags ?? [];

    // The labels change only with the language: most updates skip them.
    if (this.#changed('labels', language)) {
      this.#bar.setAttribute('aria-label', t('toolbar.label'));
      this.#buttons.assign.textContent = t('toolbar.assign') + MENU_MARK;
      this.#buttons.reply.textContent = CANNED_MARK + t('toolbar.reply');
      this.#buttons.reply.title = t('toolbar.replyTitle');
      this.#buttons.flag.textContent = t('toolbar.flag') + MENU_MARK;
    }

    this.#attribute('status', this.#status, 'data-department', departmentId ?? '');
    this.#attribute('status', this.#status, 'data-flags', flags.join(' '));
    this.#attribute('status', this.#status, 'data-sla', clock ? sla.state : 'none');
    this.#attribute('status', this.#status, 'data-stage', clock ? (sla.stage ?? 'none') : 'none');
    this.#updateWork(state);
    this.#text('department', this.#department, department ? department.name[language] : t('toolbar.unassigned'));
    const flagTexts = flags.map((flag) => t(`flag.${flag}`));
    if (this.#changed('flags', flagTexts.join('\n'))) {
      for (const badge of this.#flagBadges) badge.remove();
      const doc = this.#bar.ownerDocument;
      this.#flagBadges = flagTexts.map((text) => element(doc, 'span', { class: 'flag' }, doc.createTextNode(text)));
      this.#sla.before(...this.#flagBadges);
    }
    this.#attribute('sla', this.#sla, 'class', `sla sla-${sla.state}`);
    this.#attribute('status', this.#status, 'data-time', approximate ? 'approximate' : 'read');
    const clockText = clock ? slaText : t('work.noClock');
    this.#text('sla', this.#sla, approximate && clock ? t('sla.approximate', { text: clockText }) : clockText);
    this.#attribute('sla', this.#sla, 'title', approximate && clock ? t('sla.approximateTitle') : '');
    this.#text('notice', this.#notice, notice);
    if (this.#changed('notice:hidden', String(notice === ''))) this.#notice.hidden = notice === '';
    const approval = state.approval ?? { status: 'none', text: '' };
    this.#attribute('status', this.#status, 'data-approval', approval.status);
    this.#attribute('approval', this.#approval, 'class', `approval approval-${approval.status}`);
    this.#text('approval', this.#approval, approval.text);
    if (this.#changed('approval:hidden', String(approval.text === ''))) this.#approval.hidden = approval.text === '';
    this.#presence.update(state.presence);
    this.#keepTabStop();
    const previousNotice = this.#lastNotice;
    this.#lastNotice = notice;
    this.#speak(
      [department ? department.name[language] : t('toolbar.unassigned'), ...flagTexts, approval.text].filter(Boolean).join(', '),
      notice,
      previousNotice,
    );
    if (this.#open) this.#renderMenus();
  }

  /** The notice at the last update: a new one is said once. */
  #lastNotice = '';

  /** Which actions are offered, the Track button (comments without a clock) and the work notes. */
  #updateWork({ clock = true, offered = {}, workNotes = [], language, t }: ToolbarState): void {
    for (const action of ['assign', 'reply', 'flag'] as const) {
      const hidden = offered[action] === false;
      if (this.#changed(`${action}:hidden`, String(hidden))) this.#buttons[action].hidden = hidden;
    }
    const showTrack = !clock && offered.track !== false && this.actions.onTrack !== undefined;
    if (this.#changed('track:hidden', String(!showTrack))) this.#track.hidden = !showTrack;
    if (this.#changed('track:label', language)) {
      this.#track.textContent = t('work.track');
      this.#track.title = t('work.trackTitle');
    }
    this.#text('work-notes', this.#workNotes, workNotes.join(' · '));
  }

  /** Closes any open menu and empties the bar (the comment's toolbar is going away). */
  destroy(): void {
    if (lastUsed === this) lastUsed = null;
    this.#open = null;
    this.#renderMenus();
    this.#bar.remove();
  }

  /** Whether `value` differs from what was last written at `slot` (and remembers it). */
  #changed(slot: string, value: string): boolean {
    if (this.#written.get(slot) === value) return false;
    this.#written.set(slot, value);
    return true;
  }

  #text(slot: string, target: HTMLElement, text: string): void {
    if (this.#changed(slot, text)) target.textContent = text;
  }

  #attribute(slot: string, target: Element, name: string, value: string): void {
    if (this.#changed(`${slot}[${name}]`, value)) target.setAttribute(name, value);
  }

  #setOpen(open: MenuKind | null, returnFocus: boolean): void {
    const closing = this.#open;
    this.#open = open;
    this.#attribute('assign', this.#buttons.assign, 'aria-expanded', String(open === 'assign'));
    this.#attribute('flag', this.#buttons.flag, 'aria-expanded', String(open === 'flag'));
    this.#renderMenus();
    if (returnFocus && closing) this.#buttons[closing].focus();
  }

  #renderMenus(): void {
    const state = this.#state;
    for (const kind of ['assign', 'flag'] as const) {
      render(this.#open === kind && state ? this.#menu(kind, state) : null, this.#slots[kind]);
    }
  }

  #menu(kind: MenuKind, { triage, departments, language, t }: ToolbarState) {
    const close = (returnFocus: boolean) => this.#setOpen(null, returnFocus);
    if (kind === 'assign') {
      const departmentId = triage?.departmentId ?? null;
      return (
        <Menu
          label={t('toolbar.assignMenu')}
          kind="radio"
          anchor={this.#buttons.assign}
          entries={[
            ...departments.map((d) => ({
              id: d.id,
              label: d.name[language],
              checked: d.id === departmentId,
              attributes: { 'data-department-id': d.id },
            })),
            ...(departmentId ? [{ id: '', label: t('toolbar.unassign'), checked: false, attributes: { 'data-department-id': '' } }] : []),
          ]}
          onChoose={(id) => this.actions.onAssign(id || null)}
          onClose={close}
        />
      );
    }
    const flags = triage?.flags ?? [];
    return (
      <Menu
        label={t('toolbar.flagMenu')}
        kind="checkbox"
        anchor={this.#buttons.flag}
        entries={FLAGS.map((flag) => ({
          id: flag,
          label: t(`flag.${flag}`),
          checked: flags.includes(flag),
          attributes: { 'data-flag': flag },
        }))}
        onChoose={(flag) => this.actions.onToggleFlag(flag as Flag, !flags.includes(flag as Flag))}
        onClose={close}
      />
    );
  }
}

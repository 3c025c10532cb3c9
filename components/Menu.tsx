import { useLayoutEffect, useRef } from 'preact/hooks';
import { useAnchoredPopover } from './use-anchored-popover';

export interface MenuEntry {
  id: string;
  label: string;
  checked: boolean;
  /** Extra attributes for tests and assistive tech, e.g. { 'data-department-id': 'nits' }. */
  attributes: Record<string, string>;
}

interface MenuProps {
  label: string;
  /** `radio`: choosing closes the menu; `checkbox`: entries toggle and the menu stays open. */
  kind: 'radio' | 'checkbox';
  entries: MenuEntry[];
  /** The button the menu drops down from. */
  anchor: HTMLElement | null;
  onChoose: (id: string) => void;
  onClose: (returnFocus: boolean) => void;
}

/** A keyboard-navigable menu (WAI-ARIA menu pattern: arrows, Home/End, type-ahead, Enter/Space, Escape, Tab), in the top layer. */
export function Menu({ label, kind, entries, anchor, onChoose, onClose }: MenuProps) {
  const listRef = useRef<HTMLDivElement>(null);

  const items = () => [...(listRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
  useAnchoredPopover(listRef, anchor, () => onClose(false));
  useLayoutEffect(() => {
    const all = items();
    (all.find((el) => el.getAttribute('aria-checked') === 'true') ?? all[0])?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    const all = items();
    const index = all.indexOf(event.target as HTMLElement);
    const focusAt = (i: number) => all[(i + all.length) % all.length]?.focus();
    switch (event.key) {
      case 'ArrowDown': focusAt(index + 1); break;
      case 'ArrowUp': focusAt(index - 1); break;
      case 'Home': focusAt(0); break;
      case 'End': focusAt(all.length - 1); break;
      case 'Escape': onClose(true); break;
      case 'Tab': onClose(false); return;
      default: {
        // Type-ahead: a letter moves to the next entry that starts with it.
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey || event.key === ' ') return;
        const letter = event.key.toLocaleLowerCase();
        const next = [...all.slice(index + 1), ...all.slice(0, index + 1)].find((el) => el.dataset.label?.toLocaleLowerCase().startsWith(letter));
        if (!next) return;
        next.focus();
      }
    }
    event.preventDefault();
  };

  return (
    <div class="menu" role="menu" aria-label={label} ref={listRef} onKeyDown={onKeyDown} popover="manual">
      {entries.map((entry) => (
        <button
          type="button"
          key={entry.id}
          class="menu-item"
          role={kind === 'radio' ? 'menuitemradio' : 'menuitemcheckbox'}
          aria-checked={entry.checked ? 'true' : 'false'}
          tabIndex={-1}
          data-label={entry.label}
          onClick={() => {
            onChoose(entry.id);
            if (kind === 'radio') onClose(true);
          }}
          {...entry.attributes}
        >
          <span class="check" aria-hidden="true">{entry.checked ? '✓' : ''}</span>
          {entry.label}
        </button>
      ))}
    </div>
  );
}

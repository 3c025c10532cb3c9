import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { XLengthCheck } from '../lib/canned/length';
import type { RenderedReply } from '../lib/canned/render';
import type { CannedReply } from '../lib/canned/schema';
import { searchCanned } from '../lib/canned/search';
import type { TemplateVariable } from '../lib/canned/template';
import { appendedText } from '../lib/editor/dom';
import { useAnchoredPopover } from './use-anchored-popover';
import { useI18n, type MessageKey } from '../lib/i18n';

export interface CannedChoice {
  reply: CannedReply;
  lang: string;
  /** The rendered text, variables filled: exactly what is to be inserted. */
  text: string;
  /** True when the moderator chose to insert although the X reply would go over the limit. */
  overLimit: boolean;
}

export interface CannedPickerProps {
  replies: readonly CannedReply[];
  /** Fills a reply's variables from the comment, its triage and the department. */
  render: (reply: CannedReply, lang: string) => RenderedReply;
  /** Reply languages offered by the toggle, e.g. ['en', 'hi']. */
  languages: readonly string[];
  initialLanguage: string;
  /**
   * On X: the length of a draft as X counts it (null while unknown). The count is shown and the 280
   * limit enforced; absent on sites without a limit.
   */
  xLength?: (text: string) => XLengthCheck | null;
  /** What the composer holds now: the count is of the draft after inserting. */
  draft: string;
  /** The Reply button the picker opens from. */
  anchor: HTMLElement | null;
  onChoose: (choice: CannedChoice) => void;
  onClose: (returnFocus: boolean) => void;
  /** The page's colour scheme, so the picker matches X's and Facebook's dark modes. */
  theme?: 'light' | 'dark';
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', hi: 'हिन्दी' };

/**
 * The Reply picker: type to filter (title, keyword, text, /shortcut), arrows to move, Enter to insert,
 * a language toggle, and a preview of the reply as it will be posted. On X it shows the length as X
 * counts it and will not insert past 280 on Enter: "Insert anyway" is the explicit choice.
 * Opens in the top layer (Popover API), like the toolbar's menus.
 */
export function CannedPicker({ replies, render, languages, initialLanguage, xLength, draft, anchor, onChoose, onClose, theme = 'light' }: CannedPickerProps) {
  const { language: uiLanguage, t } = useI18n();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [lang, setLang] = useState(languages.includes(initialLanguage) ? initialLanguage : (languages[0] ?? 'en'));
  const rootRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const anywayRef = useRef<HTMLButtonElement>(null);
  const [refusals, setRefusals] = useState(0);
  const listId = useMemo(() => `samvad-canned-${Math.random().toString(36).slice(2)}`, []);

  const results = useMemo(() => searchCanned(replies, query, lang), [replies, query, lang]);
  const current = results[Math.min(active, results.length - 1)];
  const rendered = current ? render(current, lang) : null;
  const length = rendered && xLength ? xLength(draft + appendedText(draft, rendered.text)) : null;
  const over = length?.over ?? false;

  const place = useAnchoredPopover(rootRef, anchor, () => onClose(false));
  useLayoutEffect(() => {
    inputRef.current?.focus();
  }, []);

  // The height follows the filter; keep the picker beside its button.
  useLayoutEffect(place, [results.length, current?.id, lang]);

  useLayoutEffect(() => {
    if (refusals > 0) anywayRef.current?.focus();
  }, [refusals]);

  const choose = (index: number, confirmedOverLimit: boolean) => {
    const reply = results[index];
    if (!reply) return;
    const { text } = render(reply, lang);
    const tooLong = xLength?.(draft + appendedText(draft, text))?.over ?? false;
    if (tooLong && !confirmedOverLimit) {
      setActive(index);
      // The refusal: the only way on is the explicit "Insert anyway", focused once it is drawn.
      setRefusals((n) => n + 1);
      return;
    }
    onChoose({ reply, lang, text, overLimit: tooLong });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const onButton = event.target instanceof HTMLButtonElement;
    const langButton = onButton ? (event.target as HTMLElement).closest<HTMLElement>('[data-lang]') : null;
    if (langButton && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      // The language radios: arrows choose the next one, as in any radio group.
      const index = languages.indexOf(langButton.dataset.lang ?? '');
      const next = languages[(index + (event.key === 'ArrowRight' ? 1 : -1) + languages.length) % languages.length];
      if (next) {
        setLang(next);
        langButton.parentElement?.querySelector<HTMLElement>(`[data-lang="${next}"]`)?.focus();
      }
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
        setActive((i) => (results.length ? (Math.min(i, results.length - 1) + 1) % results.length : 0));
        break;
      case 'ArrowUp':
        setActive((i) => (results.length ? (Math.min(i, results.length - 1) - 1 + results.length) % results.length : 0));
        break;
      case 'Enter':
        if (onButton) return;
        choose(Math.min(active, results.length - 1), false);
        break;
      case 'Escape':
        onClose(true);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  const activeIndex = Math.min(active, results.length - 1);
  const missingNames = rendered ? [...new Set(rendered.missing)].map((name: TemplateVariable) => t(`canned.var.${name}` as MessageKey)) : [];

  return (
    <div
      class="picker"
      role="dialog"
      aria-label={t('canned.picker')}
      ref={rootRef}
      onKeyDown={onKeyDown}
      popover="manual"
      data-theme={theme}
      data-samvad-canned-picker=""
    >
      <div class="picker-head">
        <input
          ref={inputRef}
          type="search"
          class="picker-search"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
          aria-label={t('canned.search')}
          placeholder={t('canned.search')}
          value={query}
          onInput={(event) => {
            setQuery((event.target as HTMLInputElement).value);
            setActive(0);
          }}
        />
        <div class="langs" role="radiogroup" aria-label={t('canned.language')}>
          {languages.map((code) => (
            <button
              type="button"
              key={code}
              role="radio"
              aria-checked={code === lang ? 'true' : 'false'}
              // One tab stop for the group: the chosen language.
              tabIndex={code === lang ? 0 : -1}
              data-lang={code}
              lang={code}
              onClick={() => {
                setLang(code);
                inputRef.current?.focus();
              }}
            >
              {LANGUAGE_NAMES[code] ?? code.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      {results.length === 0 ? (
        <p class="picker-empty">{t('canned.noMatches', { query })}</p>
      ) : (
        <ul class="picker-list" role="listbox" id={listId} aria-label={t('canned.replies')}>
          {results.map((reply, index) => (
            <li
              key={reply.id}
              id={`${listId}-${reply.id}`}
              role="option"
              class="picker-option"
              aria-selected={index === activeIndex ? 'true' : 'false'}
              data-canned-id={reply.id}
              // Keep focus in the search box while clicking.
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => index !== activeIndex && setActive(index)}
              onClick={() => choose(index, false)}
            >
              <span class="picker-title">{uiLanguage === 'hi' ? reply.title.hi : reply.title.en}</span>
              <span class="picker-meta">
                {t(`canned.category.${reply.category}`)}
                {reply.shortcut && <kbd>{reply.shortcut}</kbd>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {rendered && (
        <section class="picker-preview" aria-label={t('canned.preview')} aria-live="polite">
          <p class="picker-text" lang={rendered.lang} data-canned-preview="">
            {rendered.text}
          </p>
          {missingNames.length > 0 && <p class="picker-defaults">{t('canned.defaults', { names: missingNames.join(', ') })}</p>}
          {length && (
            <p class={over ? 'picker-count over' : 'picker-count'} data-weighted={length.weighted} data-over={over ? 'true' : 'false'}>
              {/* Read before the figure: a paragraph cannot carry an aria-label. */}
              <span class="visually-hidden">{t('canned.countLabel')}</span>{' '}
              {t('canned.count', { n: length.weighted, limit: length.limit })}
            </p>
          )}
          {length && over && (
            <p class="picker-over" role="alert">
              {t('canned.overLimit', { n: -length.remaining, limit: length.limit })}{' '}
              <button type="button" ref={anywayRef} data-action="insert-over-limit" onClick={() => choose(activeIndex, true)}>
                {t('canned.insertAnyway')}
              </button>
            </p>
          )}
        </section>
      )}
      <p class="picker-hint">{t('canned.hint')}</p>
    </div>
  );
}

/** The picker's styles, with its own light and dark colours (it may be hosted apart from the toolbar). */
export const CANNED_PICKER_CSS = `
.picker {
  --fg: #0f1419; --muted: #536471; --bg: #f7f9f9; --border: #cfd9de; --accent: #1d4ed8; --late: #b91c1c; --menu-bg: #ffffff;
}
.picker[data-theme="dark"] {
  --fg: #e7e9ea; --muted: #8b98a5; --bg: #16181c; --border: #38444d; --accent: #7aa2ff; --late: #f87171; --menu-bg: #202327;
}
.picker button {
  font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--border);
  border-radius: 4px; padding: 0 8px; height: 22px; cursor: pointer;
}
.picker button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.picker {
  position: fixed; inset: auto; margin: 0; z-index: 2147483000; width: min(440px, calc(100vw - 8px)); color: var(--fg);
  display: flex; flex-direction: column; gap: 6px; padding: 8px; background: var(--menu-bg);
  border: 1px solid var(--border); border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.25);
  font: 13px/1.45 system-ui, "Noto Sans", "Noto Sans Devanagari", sans-serif;
}
.picker-head { display: flex; gap: 6px; align-items: center; }
.picker-search {
  flex: 1; font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--border);
  border-radius: 4px; padding: 3px 6px; min-width: 0;
}
.picker-search:focus { outline: 2px solid var(--accent); outline-offset: 0; }
.langs { display: inline-flex; gap: 2px; }
.langs [aria-checked="true"] { border-color: var(--accent); color: var(--accent); font-weight: 600; }
.picker-list { list-style: none; margin: 0; padding: 0; max-height: 220px; overflow-y: auto; }
.picker-option { display: flex; justify-content: space-between; gap: 8px; padding: 3px 6px; border-radius: 4px; cursor: pointer; }
.picker-option[aria-selected="true"] { background: var(--bg); outline: 1px solid var(--accent); }
.picker-meta { color: var(--muted); display: inline-flex; align-items: baseline; gap: 6px; white-space: nowrap; }
.picker-meta kbd { font: 11px ui-monospace, monospace; }
.picker-preview { border-top: 1px solid var(--border); padding-top: 6px; }
.picker-text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 160px; overflow-y: auto; }
.picker-defaults, .picker-hint, .picker-empty { margin: 4px 0 0; color: var(--muted); font-size: 12px; }
.picker-count { margin: 4px 0 0; text-align: right; color: var(--muted); font-variant-numeric: tabular-nums; }
.picker-count.over { color: var(--late); font-weight: 600; }
.picker-over { margin: 4px 0 0; color: var(--late); }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
`;

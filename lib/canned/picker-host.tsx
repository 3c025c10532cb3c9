import { render } from 'preact';
import { CANNED_PICKER_CSS, CannedPicker, type CannedChoice } from '../../components/CannedPicker';
import type { CommentItem } from '../contract/item';
import type { OrgConfig } from '../contract/org';
import type { Triage } from '../contract/triage';
import { createShadowHost } from '../dom/shadow-host';
import { X_SUBMIT_SELECTOR, insertText } from '../editor/client';
import { openReplyComposer } from '../editor/composer';
import type { InsertResult } from '../editor/protocol';
import type { ReplyTargets } from '../editor/reply-targets';
import type { Platform } from '../platforms/types';
import { I18nContext, type Translate, type UiLanguage } from '../i18n';
import { cannedLibraryOf } from './org-library';
import type { XLengthCheck } from './length';
import { buildRenderContext, renderReply, replyLanguageFor } from './render';
import type { CannedReply } from './schema';

export const PICKER_TAG = 'samvad-canned-picker';

export interface CannedPickerOptions {
  /** The site's adapter (the picker re-reads the comment before answering it). */
  platform: Platform;
  /** The comment's element on the page: its own Reply action opens the composer. */
  comment: Element;
  item: CommentItem;
  triage: Pick<Triage, 'departmentId'> | undefined;
  org: Pick<OrgConfig, 'departments' | 'sla' | 'cannedReplies'>;
  /** The toolbar's Reply button: the picker opens under it and focus returns to it. */
  anchor: HTMLElement;
  language: UiLanguage;
  t: Translate;
  theme: 'light' | 'dark';
  /** Told which composer answers the comment, so shortcuts typed there later are filled for it. */
  targets?: ReplyTargets<CommentItem>;
  /**
   * The reply is about to go into `composer`. A quick moderator may post it before the insertion has
   * finished checking its work, so what the composer holds is known from here on.
   */
  onInserting?: (reply: CannedReply, composer: Element) => void;
  /** The reply is in the composer (record `useCanned` on the item). */
  onInserted: (reply: CannedReply, result: InsertResult) => void;
  /**
   * X's count of each text (twitter-text, run in the background so the content script stays small).
   * Without it no count is shown and no limit enforced.
   */
  measureForX?: (texts: string[]) => Promise<XLengthCheck[]>;
  /** The composer did not open, or the text did not take (show `canned.insertFailed`). */
  onFailed: (reason: 'comment-gone' | 'no-composer' | NonNullable<InsertResult['reason']>, result: InsertResult | null) => void;
}

/**
 * Opens the Reply picker for one comment in its own shadow-rooted host, and on a choice opens the
 * site's reply composer for that comment and inserts the filled-in reply. Returns a function that
 * closes the picker (e.g. when the comment's toolbar goes away).
 */
export function openCannedPicker(options: CannedPickerOptions): () => void {
  const { platform, comment, item, triage, org, anchor } = options;
  const { host, mount } = createShadowHost(PICKER_TAG, CANNED_PICKER_CSS);
  document.documentElement.append(host);

  let open = true;
  const close = (returnFocus: boolean) => {
    if (!open) return;
    open = false;
    render(null, mount);
    host.remove();
    if (returnFocus) anchor.focus();
  };

  const replies = cannedLibraryOf(org).replies;
  // English and Hindi first (every reply has them), then any other language the library has.
  const languages = [...new Set(['en', 'hi', ...replies.flatMap((reply) => Object.keys(reply.text))])];
  const context = buildRenderContext({ item, triage: triage ?? null, org, now: new Date() });
  const first = replies[0];
  const initialLanguage = first ? replyLanguageFor(item, first, options.language) : options.language;

  const choose = async (choice: CannedChoice) => {
    close(false);
    // X recycles a tweet's node for other tweets while scrolling: never answer whatever it shows now.
    const now = platform.extract(comment);
    if (!comment.isConnected || !now.ok || now.item.id !== item.id) {
      options.onFailed('comment-gone', null);
      return;
    }
    const composer = await openReplyComposer(platform.id, comment);
    if (!composer) {
      options.onFailed('no-composer', null);
      return;
    }
    options.targets?.bind(composer, item);
    options.onInserting?.(choice.reply, composer);
    const result = await insertText(composer, {
      mode: 'append',
      text: choice.text,
      ...(platform.id === 'x' ? { submitSelector: X_SUBMIT_SELECTOR } : {}),
    });
    if (result.ok) options.onInserted(choice.reply, result);
    else options.onFailed(result.reason ?? 'mismatch', result);
  };

  const renderFilled = (reply: CannedReply, lang: string) => renderReply(reply, lang, { ...context, now: new Date() });
  // The composer opens after the choice, so the count is of each filled-in reply alone: measured all
  // at once, then looked up as the moderator moves through the list.
  const lengths = new Map<string, XLengthCheck>();
  const measureForX = platform.id === 'x' ? options.measureForX : undefined;
  const show = () => {
    if (!open) return;
    render(
      <I18nContext.Provider value={{ language: options.language, t: options.t }}>
        <CannedPicker
          replies={replies}
          render={renderFilled}
          languages={languages}
          initialLanguage={initialLanguage}
          xLength={measureForX ? (text) => lengths.get(text) ?? null : undefined}
          draft=""
          anchor={anchor}
          theme={options.theme}
          onChoose={(choice) => void choose(choice)}
          onClose={close}
        />
      </I18nContext.Provider>,
      mount,
    );
  };
  show();
  if (measureForX) {
    const texts = replies.flatMap((reply) => Object.keys(reply.text).map((lang) => renderFilled(reply, lang).text));
    // Redrawn once the counts arrive (a few milliseconds), so the count shows and the limit holds.
    void measureForX(texts).then((checks) => {
      texts.forEach((text, i) => {
        const check = checks[i];
        if (check) lengths.set(text, check);
      });
      show();
    }, () => undefined);
  }
  return () => close(false);
}

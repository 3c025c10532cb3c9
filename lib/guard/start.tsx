import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { GuardBlockDialog } from '../../components/GuardBlockDialog';
import { GuardPanel } from '../../components/GuardPanel';
import { pageTheme } from '../content/toolbar-host';
import { observe } from '../dom/observe';
import { readEditorText } from '../editor/dom';
import { commentTargets } from '../content/comment-targets';
import { itemKey } from '../contract/item';
import type { Flag } from '../contract/triage';
import { createTranslator, I18nContext, resolveLanguage, type UiLanguage } from '../i18n';
import { sendMessage, TriageList } from '../messaging';
import type { Platform } from '../platforms/types';
import { extensionDefaults } from '../defaults';
import { readLanguageSetting, uiLanguageItem, watchOrgConfig } from '../settings';
import { blockNeedsApprover } from '../gate/approval';
import type { Hold, HeldUnchecked, PostAttempt, Verdict } from '../gate/gate';
import { postGate } from '../gate/listen';
import { composerOf, postSites } from '../gate/sites';
import { blockingFindings, CheckTimedOut, decidePost, overriddenRuleIds, sortFindings, withinTime, type CheckedDraft } from './decide';
import { HighlightPainter } from './highlight';
import { createGuardHost } from './host';
import { GuardFindings, type GuardFinding } from './protocol';

/** Typing pauses this long before the draft is checked. */
const DEBOUNCE_MS = 150;

interface BlockState {
  findings: GuardFinding[];
  text: string;
  /** Lets the held post go on through the gate. */
  proceed: () => void;
  error: string;
  busy: boolean;
}

/** One composer on the page and its guard. */
interface ComposerGuard {
  editor: HTMLElement;
  host: HTMLElement;
  mount: HTMLElement;
  checked: CheckedDraft | null;
  /** Why the last check failed; empty when it did not. */
  unavailable: string;
  /** Why the gate held the last post unchecked (a check did not answer); empty when it did not. */
  held: string;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every check started, so only the latest answer is shown. */
  sequence: number;
  block: BlockState | null;
}

/**
 * Live guideline checking in a site's composers: findings listed beside each composer and marked in
 * its text; and the guard's check on the page's post gate, which holds a post while the draft has a
 * `block` finding, until the moderator overrides with a reason (recorded on the comment answered) —
 * or, when the organisation's policy sends such drafts to an approver, lets the approval check after
 * it hold the post. The rules run in the background (lib/guard/checker.ts): this script only reads
 * drafts and draws; the gate's messages on held posts are shown in the guard's panel.
 */
export function startGuard(platform: Platform, ctx: ContentScriptContext): void {
  const site = postSites[platform.id];
  const gate = postGate(platform, ctx);
  const guards = new Map<HTMLElement, ComposerGuard>();
  const painter = new HighlightPainter(document);
  // Constructed before the focus listener below, so a reply's composer is bound to its comment first.
  const targets = commentTargets(platform, ctx);
  // The browser's language until the moderator's setting is read (below): the listeners must be in place at once.
  let language: UiLanguage = resolveLanguage('auto', browser.i18n.getUILanguage());
  let i18n = { language, t: createTranslator(language) };

  const renderGuard = (guard: ComposerGuard) => {
    guard.host.setAttribute('lang', language);
    guard.host.setAttribute('data-theme', pageTheme());
    const { block } = guard;
    render(
      <I18nContext.Provider value={i18n}>
        <GuardPanel findings={guard.checked?.findings ?? []} unavailable={guard.unavailable} held={guard.held} />
        {block && (
          <GuardBlockDialog
            findings={block.findings}
            recordsOnItem={targets.targetOf(guard.editor) !== null}
            error={block.error}
            busy={block.busy}
            onCancel={() => closeBlock(guard, { refocus: true })}
            onOverride={(reason) => void override(guard, block, reason)}
          />
        )}
      </I18nContext.Provider>,
      guard.mount,
    );
  };

  const draftOf = (editor: HTMLElement) => readEditorText(editor).text;

  /** The team's flags on the comment answered (sub judice, confidential, …), which context rules read. */
  const flagsOf = async (key: string): Promise<Flag[]> => TriageList.parse(await sendMessage('getTriage', [key]))[0]?.flags ?? [];

  /** Checks the composer's current draft now; resolves with that check (null when it failed). */
  const checkNow = async (guard: ComposerGuard): Promise<CheckedDraft | null> => {
    clearTimeout(guard.timer);
    guard.timer = undefined;
    const sequence = ++guard.sequence;
    const text = draftOf(guard.editor);
    let checked: CheckedDraft;
    if (text.trim() === '') checked = { text, findings: [] };
    else {
      try {
        const answer = await withinTime(
          (async () => {
            const comment = targets.targetOf(guard.editor);
            const commentFlags = comment ? await flagsOf(itemKey(comment.platform, comment.id)) : [];
            return sendMessage('checkDraft', {
              text,
              platform: platform.id,
              lang: language,
              ...(comment ? { commentText: comment.text, commentFlags } : {}),
            });
          })(),
        );
        checked = { text, findings: sortFindings(GuardFindings.parse(answer)) };
      } catch (error) {
        if (sequence === guard.sequence) {
          guard.unavailable =
            error instanceof CheckTimedOut
              ? i18n.t('guard.timedOut', { seconds: String(error.timeoutMs / 1000) })
              : error instanceof Error
                ? error.message
                : String(error);
          renderGuard(guard);
        }
        return null;
      }
    }
    if (sequence !== guard.sequence || !guard.editor.isConnected) return checked;
    guard.checked = checked;
    guard.unavailable = '';
    renderGuard(guard);
    painter.show(guard.editor, checked.text === draftOf(guard.editor) ? checked.findings : []);
    return checked;
  };

  const scheduleCheck = (guard: ComposerGuard) => {
    if (guard.checked && guard.checked.text === draftOf(guard.editor)) return;
    clearTimeout(guard.timer);
    guard.timer = setTimeout(() => void checkNow(guard), DEBOUNCE_MS);
  };

  const attach = (editor: HTMLElement): ComposerGuard => {
    const existing = guards.get(editor);
    if (existing) {
      // The site re-rendered around the composer and dropped the panel: put it back.
      if (!existing.host.isConnected) placeHost(existing);
      return existing;
    }
    const guard: ComposerGuard = { editor, ...createGuardHost(document), checked: null, unavailable: '', held: '', timer: undefined, sequence: 0, block: null };
    guards.set(editor, guard);
    placeHost(guard);
    renderGuard(guard);
    return guard;
  };

  /** Right after the composer's container: outside the editor, whose DOM belongs to Draft.js or Lexical. */
  const placeHost = (guard: ComposerGuard) => {
    const container = guard.editor.closest(site.container) ?? guard.editor.parentElement;
    container?.after(guard.host);
  };

  const detach = (guard: ComposerGuard) => {
    clearTimeout(guard.timer);
    render(null, guard.mount);
    guard.host.remove();
    painter.clear(guard.editor);
    guards.delete(guard.editor);
  };

  const pruneRemoved = () => {
    for (const guard of guards.values()) if (!guard.editor.isConnected) detach(guard);
  };

  const onComposers = (editors: Element[]) => {
    pruneRemoved();
    for (const editor of editors) {
      if (editor instanceof HTMLElement) scheduleCheck(attach(editor));
    }
  };

  // ── Holding back a post ──────────────────────────────────────────────────────────────────────────
  const openBlock = (guard: ComposerGuard, checked: CheckedDraft, proceed: () => void) => {
    guard.block = { findings: blockingFindings(checked.findings), text: checked.text, proceed, error: '', busy: false };
    renderGuard(guard);
  };

  const closeBlock = (guard: ComposerGuard, { refocus }: { refocus: boolean }) => {
    guard.block = null;
    renderGuard(guard);
    if (refocus) guard.editor.focus();
  };

  const override = async (guard: ComposerGuard, block: BlockState, reason: string) => {
    const item = targets.targetOf(guard.editor);
    if (item) {
      block.busy = true;
      renderGuard(guard);
      const failure = await sendMessage('mutate', { item, op: { type: 'override', ruleIds: overriddenRuleIds(block.findings), reason, text: block.text } }).then(
        (result) => (result.outcome === 'rejected' ? result.reason : ''),
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      block.busy = false;
      if (failure) {
        block.error = i18n.t('guard.block.recordFailed', { reason: failure });
        renderGuard(guard);
        return;
      }
    }
    closeBlock(guard, { refocus: true });
    block.proceed();
  };

  // ── The guard's check on the post gate ──────────────────────────────────────────────────────────
  /** The organisation's approval policy, for whether a `block` finding is the moderator's to override. */
  let org = extensionDefaults().demoOrg;
  const unwatchOrg = watchOrgConfig((read) => (org = read));

  /** With findings in hand: pass the post on, or hold it behind the block dialog. */
  const verdictFor = (guard: ComposerGuard, attempt: PostAttempt, checked: CheckedDraft, hold: Hold): Verdict => {
    attempt.findings = checked.findings;
    if (!blockingFindings(checked.findings).length || blockNeedsApprover(org.approvals)) return 'pass';
    if (!hold.signal.aborted) openBlock(guard, checked, hold.resume);
    return 'hold';
  };

  const unregister = gate.register({
    name: 'guard',
    quick: (attempt, hold) => {
      const guard = attach(attempt.editor);
      guard.held = '';
      if (guard.block) return 'hold';
      if (decidePost(attempt.text, guard.checked) === 'check-first') return undefined;
      // Checked, and the draft has not changed since (a blank draft never reaches the gate's checks).
      return guard.checked ? verdictFor(guard, attempt, guard.checked, hold) : 'pass';
    },
    decide: async (attempt, hold) => {
      const guard = attach(attempt.editor);
      const checked = await checkNow(guard);
      // Fail closed: a draft that could not be checked is not posted (what the circulars forbid must
      // not slip out because the background was slow); the gate says why, and posting again retries.
      if (!checked) throw new Error(guard.unavailable);
      if (checked.text !== attempt.text) throw new Error(i18n.t('gate.changedWhileChecking'));
      return verdictFor(guard, attempt, checked, hold);
    },
  });

  /** The gate's word on a post it held unchecked, beside the composer. */
  const unlistenHeld = gate.onHeldUnchecked((held: HeldUnchecked) => {
    const guard = attach(held.attempt.editor);
    guard.held = heldMessage(held);
    renderGuard(guard);
  });
  const heldMessage = ({ check, reason, detail }: HeldUnchecked): string => {
    const what = i18n.t(`gate.check.${check}`);
    if (reason === 'timeout') return i18n.t('gate.heldTimedOut', { check: what, seconds: detail });
    if (reason === 'not-ready') return i18n.t('gate.heldNotReady', { check: what });
    return i18n.t('gate.heldFailed', { check: what, reason: detail });
  };

  ctx.addEventListener(document, 'focusin', (event: FocusEvent) => {
    const editor = composerOf(site, event.target);
    if (editor) scheduleCheck(attach(editor));
  });

  const applyLanguageSetting = async () => {
    const next = resolveLanguage(await readLanguageSetting(), browser.i18n.getUILanguage());
    if (next === language) return;
    language = next;
    i18n = { language, t: createTranslator(language) };
    // Findings carry their messages in the language asked for: check again.
    for (const guard of guards.values()) void checkNow(guard);
  };
  const unwatchLanguage = uiLanguageItem.watch(() => void applyLanguageSetting());
  void applyLanguageSetting();

  let page = new AbortController();
  const startPage = () => {
    page.abort();
    page = new AbortController();
    ctx.signal.addEventListener('abort', () => page.abort(), { once: true });
    pruneRemoved();
    observe(site.composer, onComposers, { signal: page.signal });
  };
  ctx.addEventListener(window, 'wxt:locationchange', startPage);
  ctx.onInvalidated(() => {
    unregister();
    unlistenHeld();
    unwatchOrg();
    unwatchLanguage();
    for (const guard of [...guards.values()]) detach(guard);
    painter.dispose();
  });
  startPage();
}

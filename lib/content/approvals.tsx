import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ApprovalDialog, type ApprovalDialogState } from '../../components/ApprovalDialog';
import { itemKey, type CommentItem } from '../contract/item';
import type { OrgConfig } from '../contract/org';
import { FLAGS, type Flag, type Triage } from '../contract/triage';
import { approvalFindings, approvalReasons, policyReadsItem, replyApproval, type ApprovalReason } from '../gate/approval';
import type { Hold, PostAttempt, Verdict } from '../gate/gate';
import { draftHash } from '../gate/hash';
import { postGate } from '../gate/listen';
import { blockingFindings } from '../guard/decide';
import { createApprovalHost } from '../guard/host';
import { createTranslator, I18nContext, resolveLanguage, type UiLanguage } from '../i18n';
import { sendMessage, TriageList } from '../messaging';
import type { Platform } from '../platforms/types';
import { readLanguageSetting, uiLanguageItem, watchOrgConfig } from '../settings';
import { serverNow } from '../triage/sla';
import { contentSession } from './session';
import { pageTheme } from './toolbar-host';

interface OpenDialog {
  editor: HTMLElement;
  item: CommentItem | null;
  state: ApprovalDialogState;
  reasons: ApprovalReason[];
  /** The item's flags that the policy names, for the reasons' wording. */
  flags: string[];
  departmentId: string | null;
  attempt: PostAttempt;
  textHash: string;
  note: string;
  error: string;
  busy: boolean;
}

/**
 * The approval check on the page's post gate (BIS and KMC circulars: content is released only after
 * it is approved). From the organisation's approval policy, the item's flags and department and the
 * guard's findings it decides whether a reply needs an approver; such a reply posts only when an
 * approval of exactly its text (the hash of its normalised draft) has been given and has not expired.
 * Otherwise the gate holds it and the `[data-samvad-approval]` dialog offers to send the draft for
 * approval, through the outbox like any action (it waits there while offline).
 */
export function startApprovals(platform: Platform, ctx: ContentScriptContext): void {
  const gate = postGate(platform, ctx);
  const session = contentSession(ctx);
  let org: OrgConfig | null = null;
  let unwatchOrg = () => {};
  const orgRead = new Promise<OrgConfig>((resolve) => {
    unwatchOrg = watchOrgConfig((read) => resolve((org = read)));
  });
  let language: UiLanguage = resolveLanguage('auto', browser.i18n.getUILanguage());
  let i18n = { language, t: createTranslator(language) };
  const applyLanguage = async () => {
    language = resolveLanguage(await readLanguageSetting(), browser.i18n.getUILanguage());
    i18n = { language, t: createTranslator(language) };
    draw();
  };
  void applyLanguage();
  const unwatchLanguage = uiLanguageItem.watch(() => void applyLanguage());

  const { host, mount } = createApprovalHost(document);
  let open: OpenDialog | null = null;

  const reasonText = (dialog: OpenDialog, reason: ApprovalReason): string => {
    const { t } = i18n;
    switch (reason) {
      case 'all':
        return t('approval.reason.all');
      case 'flag':
        return t('approval.reason.flag', { flags: dialog.flags.map((flag) => (isKnownFlag(flag) ? t(`flag.${flag}`) : flag)).join(', ') });
      case 'department': {
        const department = org?.departments.find((d) => d.id === dialog.departmentId);
        return t('approval.reason.department', { department: department?.name[language] ?? dialog.departmentId ?? '' });
      }
      case 'block':
        return t('approval.reason.block');
    }
  };

  function draw(): void {
    const dialog = open;
    if (!dialog) {
      render(null, mount);
      host.remove();
      return;
    }
    host.setAttribute('lang', language);
    host.setAttribute('data-theme', pageTheme());
    if (!host.isConnected) document.documentElement.append(host);
    render(
      <I18nContext.Provider value={i18n}>
        <ApprovalDialog
          state={dialog.state}
          reasons={dialog.reasons.map((reason) => reasonText(dialog, reason))}
          findings={dialog.reasons.includes('block') ? blockingFindings(dialog.attempt.findings) : []}
          note={dialog.note}
          error={dialog.error}
          busy={dialog.busy}
          onCancel={() => close({ refocus: true })}
          onRequest={() => void request(dialog)}
        />
      </I18nContext.Provider>,
      mount,
    );
  }

  const close = ({ refocus }: { refocus: boolean }) => {
    const editor = open?.editor;
    open = null;
    draw();
    if (refocus) editor?.focus();
  };

  const show = (dialog: Omit<OpenDialog, 'error' | 'busy'>, hold: Hold): Verdict => {
    if (hold.signal.aborted) return 'hold';
    open = { ...dialog, error: '', busy: false };
    draw();
    return 'hold';
  };

  const request = async (dialog: OpenDialog) => {
    if (!dialog.item || dialog.busy) return;
    dialog.busy = true;
    draw();
    const op = {
      type: 'requestApproval' as const,
      approvalId: crypto.randomUUID(),
      textHash: dialog.textHash,
      text: dialog.attempt.text,
      findings: approvalFindings(dialog.attempt.findings),
    };
    // Through the background's outbox: offline, the request waits and goes out with the rest.
    const failure = await sendMessage('mutate', { item: dialog.item, op }).then(
      (result) => (result.outcome === 'rejected' ? result.reason : ''),
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    if (open !== dialog) return;
    dialog.busy = false;
    if (failure) {
      dialog.error = i18n.t('approval.requestFailed', { reason: failure });
      draw();
      return;
    }
    // The post stays held: once approved, the moderator posts again and exactly this text goes out.
    close({ refocus: true });
  };

  /** A post with no known comment: a new post, or a reply whose comment could not be identified. */
  const newPost = (attempt: PostAttempt, hold: Hold, policy: OrgConfig['approvals']): Verdict => {
    const reasons = approvalReasons(policy, undefined, attempt.findings);
    // Fail closed: the unknown comment may be one the policy holds replies to; nothing can be asked for it.
    if (attempt.replyToUnidentified && policyReadsItem(policy)) {
      return show({ editor: attempt.editor, item: null, state: 'unidentified', reasons, flags: [], departmentId: null, attempt, textHash: '', note: '' }, hold);
    }
    if (!reasons.length) return 'pass';
    return show({ editor: attempt.editor, item: null, state: 'new-post', reasons, flags: [], departmentId: null, attempt, textHash: '', note: '' }, hold);
  };

  const unregister = gate.register({
    name: 'approval',
    quick: (attempt, hold) => {
      if (open) return 'hold';
      // A reply's approvals are asked of the background every time: they change on the server.
      if (!org || attempt.item) return undefined;
      return newPost(attempt, hold, org.approvals);
    },
    decide: async (attempt, hold) => {
      const policy = (org ?? (await orgRead)).approvals;
      const { item } = attempt;
      if (!item) return newPost(attempt, hold, policy);
      const triage: Triage | undefined = TriageList.parse(await sendMessage('getTriage', [itemKey(item.platform, item.id)]))[0];
      const textHash = await draftHash(attempt.text);
      // On the server's clock, which set the approval's expiry.
      await session.ready;
      const judged = replyApproval(policy, triage, attempt.findings, textHash, serverNow(session.current().clockOffsetMs));
      if (judged.verdict === 'pass') return 'pass';
      const { reasons, flags, departmentId, standing: state, note } = judged;
      return show({ editor: attempt.editor, item, reasons, flags, departmentId, attempt, textHash, state, note }, hold);
    },
  });

  ctx.onInvalidated(() => {
    unregister();
    unwatchOrg();
    unwatchLanguage();
    open = null;
    draw();
  });
}

function isKnownFlag(flag: string): flag is Flag {
  return (FLAGS as readonly string[]).includes(flag);
}

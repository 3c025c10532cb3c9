import type { OrgConfig } from '../contract/org';
import { checkDraft, compilePacks, defaultPacks, parsePackValue, type CompiledRules, type Finding, type RulePack } from '../rules';
import type { CheckDraftRequest } from './protocol';

/** The organisation's valid packs; a bad stored pack is skipped (and logged) rather than disabling every rule. */
export function orgRulePacks(org: Pick<OrgConfig, 'rulePacks'>): RulePack[] {
  const packs: RulePack[] = [];
  for (const blob of org.rulePacks ?? []) {
    try {
      packs.push(parsePackValue(blob));
    } catch (error) {
      console.warn(`[samvad] organisation rule pack "${blob.id}" skipped:`, error instanceof Error ? error.message : error);
    }
  }
  return packs;
}

/** Default packs plus the organisation's; an organisation pack with a default pack's id replaces it. */
export function packsFor(org: Pick<OrgConfig, 'rulePacks'>): RulePack[] {
  const own = orgRulePacks(org);
  const replaced = new Set(own.map((pack) => pack.id));
  return [...defaultPacks().filter((pack) => !replaced.has(pack.id)), ...own];
}

/** The One-Point Contacts' numbers and e-mails: the organisation's own, never someone's personal information. */
export function officialContactsOf(org: Pick<OrgConfig, 'departments'>): string[] {
  return org.departments.flatMap((department) => [department.contact.mobile, department.contact.email]);
}

/**
 * How long one check may take in the background. The guard waits a little longer for the answer
 * (GUARD_CHECK_TIMEOUT_MS in decide.ts) and holds the post back when none comes.
 */
export const CHECK_BUDGET_MS = 1000;

/**
 * Checks drafts for the guard (in the background): packs compiled once per organisation config and
 * recompiled when it changes, so an organisation pack saved on the options page applies at once.
 */
export class DraftChecker {
  #compiled: CompiledRules | undefined;
  #org: OrgConfig;

  constructor(org: OrgConfig) {
    this.#org = org;
  }

  setOrg(org: OrgConfig): void {
    this.#org = org;
    this.#compiled = undefined;
  }

  check(request: CheckDraftRequest): Finding[] {
    this.#compiled ??= compilePacks(packsFor(this.#org));
    return checkDraft(this.#compiled, request.text, {
      platform: request.platform,
      lang: request.lang,
      ...(request.commentText !== undefined || request.commentFlags?.length
        ? { context: { commentText: request.commentText ?? '', flags: request.commentFlags ?? [] } }
        : {}),
      budgetMs: CHECK_BUDGET_MS,
      orgHandles: this.#org.handles,
      officialContacts: officialContactsOf(this.#org),
    });
  }
}

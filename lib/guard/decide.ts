import type { GuardFinding } from './protocol';

const SEVERITY_ORDER = { block: 0, warn: 1, info: 2 } as const;

/** Findings as the panel lists them: worst first, then in draft order. */
export function sortFindings(findings: readonly GuardFinding[]): GuardFinding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.start - b.start);
}

export function blockingFindings(findings: readonly GuardFinding[]): GuardFinding[] {
  return findings.filter((finding) => finding.severity === 'block');
}

/** The rule ids an override covers, each once. */
export function overriddenRuleIds(findings: readonly GuardFinding[]): string[] {
  return [...new Set(blockingFindings(findings).map((finding) => finding.ruleId))];
}

/** The latest completed check of one composer. */
export interface CheckedDraft {
  text: string;
  findings: GuardFinding[];
}

export type PostDecision =
  /** Let the site's own handler post it, untouched. */
  | 'pass'
  /** Hold it and open the block dialog. */
  | 'block'
  /** The draft changed since its last check: hold it, check now, then post or block. */
  | 'check-first';

/**
 * What to do with a post action, given the composer's text now and its last check. A blank draft
 * is the site's business (it posts nothing); an unchecked one is never let through on trust.
 */
export function decidePost(currentText: string, checked: CheckedDraft | null): PostDecision {
  if (currentText.trim() === '') return 'pass';
  if (!checked || checked.text !== currentText) return 'check-first';
  return blockingFindings(checked.findings).length ? 'block' : 'pass';
}

/**
 * How long the guard waits for the background's answer (a woken service worker compiles the packs
 * first); past it the check counts as failed and a post is held back.
 */
export const GUARD_CHECK_TIMEOUT_MS = 3000;

/** The check did not answer within GUARD_CHECK_TIMEOUT_MS. */
export class CheckTimedOut extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs / 1000} s`);
    this.name = 'CheckTimedOut';
  }
}

/** `answer`, or a CheckTimedOut rejection when it takes longer than `timeoutMs`. */
export function withinTime<T>(answer: Promise<T>, timeoutMs = GUARD_CHECK_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimedOut(timeoutMs)), timeoutMs);
  });
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}

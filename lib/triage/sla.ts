import type { SlaPolicy } from '../contract/org';
import type { ReplyStage, Triage } from '../contract/triage';
import { dueTimes, settledStages } from './due';

/** `none`: the comment has no clock (not the team's work, or waiting for assignment when the clock starts there). */
export type SlaState = 'ok' | 'due-soon' | 'overdue' | 'done' | 'none';

export interface SlaStatus {
  state: SlaState;
  /** The reply the clock is running for; null once done, or without a clock. */
  stage: ReplyStage | null;
  dueAt: Date | null;
}

/**
 * What the clock reads of an item. A full Triage fits; `work` unset means the comment is not the
 * team's work, so it has no clock.
 */
export type SlaInputs = Pick<Triage, 'replies' | 'flags'> &
  Partial<Pick<Triage, 'work' | 'status' | 'due' | 'assignedAt'>>;

const MINUTE = 60_000;

/**
 * The two-stage clock of the KMC circular (interim reply, then the specific one) for one item at `now`
 * — which callers pass already corrected for their clock's offset from the server's (serverNow).
 * The deadlines are the server's stored ones (`triage.due`) when present, else computed the same way
 * (lib/triage/due.ts) from `createdAt` and the policy; a reply seen on the page here settles its stage
 * at once, before the server's answer comes back.
 */
export function slaStatus(createdAt: string, triage: SlaInputs | undefined, policy: SlaPolicy, now: Date): SlaStatus {
  if (!triage || triage.work === undefined) return { state: 'none', stage: null, dueAt: null };
  const status = triage.status ?? 'open';
  const due =
    triage.due ??
    dueTimes(
      {
        work: triage.work,
        item: { createdAt },
        assignedAt: triage.assignedAt,
        replies: triage.replies,
        status,
        flags: triage.flags,
      },
      policy,
    );
  if (!due) return { state: 'none', stage: null, dueAt: null };
  const { interimSettled, finalSettled } = settledStages({ replies: triage.replies, status, flags: triage.flags });
  const interimAt = interimSettled ? null : due.interimAt;
  const finalAt = finalSettled ? null : due.finalAt;
  const stage: ReplyStage | null = interimAt ? 'interim' : finalAt ? 'final' : null;
  const dueText = interimAt ?? finalAt;
  if (!stage || !dueText) return { state: 'done', stage: null, dueAt: null };
  const dueAt = new Date(dueText);
  const left = dueAt.getTime() - now.getTime();
  const state: SlaState = left < 0 ? 'overdue' : left <= policy.dueSoonMinutes * MINUTE ? 'due-soon' : 'ok';
  return { state, stage, dueAt };
}

/**
 * The server's time now, from this clock and its offset from the server's (SyncStatus.clockOffsetMs,
 * kept by the sync engine): every deadline is shown against the server's clock.
 */
export function serverNow(clockOffsetMs: number | null | undefined, local: Date = new Date()): Date {
  return new Date(local.getTime() + (clockOffsetMs ?? 0));
}

/**
 * The offset of the server's clock from this one, from an answer's serverTime and when the request
 * went out and came back (the server stamped it about halfway).
 */
export function clockOffset(serverTime: string, sentAt: number, receivedAt: number): number {
  return Date.parse(serverTime) - (sentAt + receivedAt) / 2;
}

import { randomUUID } from 'node:crypto';
import type { Approval, Flag, Reply, Triage } from '../../lib/contract/triage';
import type { Db } from '../../server/db/connect';
import * as schema from '../../server/db/schema';

/**
 * Items as the server stores them once it stamped their due times (the triage contract with the due
 * columns set), for the dashboard's tests: each says when its comment came, its deadlines and replies.
 */
export interface ReportItemSpec {
  id: string;
  platform?: 'x' | 'facebook';
  department?: string | null;
  status?: Triage['status'];
  commentAt: string;
  /** Hours after the comment; null: no deadline stored. */
  interimHours?: number | null;
  finalHours?: number | null;
  /** Replies: stage, source, minutes after the comment. */
  replies?: Array<{ stage: Reply['stage']; source: Reply['source']; afterMinutes: number }>;
  flags?: Flag[];
  overrides?: string[][];
  approvals?: Array<{ state: Approval['state']; rules?: string[]; text?: string }>;
  text?: string;
  closed?: boolean;
}

const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export function reportTriage(spec: ReportItemSpec): Triage {
  const platform = spec.platform ?? 'x';
  const key = `${platform}:${spec.id}` as const;
  const permalink = platform === 'x' ? `https://x.com/citizen/status/${spec.id}` : `https://www.facebook.com/IndianStandards/posts/1?comment_id=${spec.id}`;
  const interimAt = spec.interimHours === null ? null : plus(spec.commentAt, (spec.interimHours ?? 4) * 60);
  const finalAt = spec.finalHours === null ? null : plus(spec.commentAt, (spec.finalHours ?? 12) * 60);
  const replies: Reply[] = (spec.replies ?? []).map((r) => ({
    stage: r.stage,
    source: r.source,
    text: `${r.stage} reply`,
    at: plus(spec.commentAt, r.afterMinutes + (r.source === 'seen' ? 1 : 0)),
    ...(r.source !== 'composer' ? { postedAt: plus(spec.commentAt, r.afterMinutes), permalink: `https://x.com/IndianStandards/status/9${spec.id}`, replyId: `9${spec.id}` } : {}),
  }));
  const status = spec.status ?? (spec.closed ? 'closed' : replies.some((r) => r.stage === 'final' && r.source !== 'composer') ? 'replied' : 'open');
  return {
    key,
    item: {
      platform,
      id: spec.id,
      author: { name: 'Citizen', handle: '@citizen' },
      text: spec.text ?? `Comment ${spec.id} about a hallmark`,
      permalink,
      createdAt: spec.commentAt,
    },
    work: 'reply_to_body',
    firstSeenAt: plus(spec.commentAt, 1),
    status,
    departmentId: spec.department ?? null,
    ...(spec.department ? { assignedBy: 'u_test', assignedAt: plus(spec.commentAt, 5) } : {}),
    flags: spec.flags ?? [],
    cannedUsed: [],
    replies,
    overrides: (spec.overrides ?? []).map((ruleIds) => ({ ruleIds, reason: 'approved by the head', text: 'reply', at: plus(spec.commentAt, 30) })),
    notes: [],
    ...(spec.closed ? { closed: { reason: 'spam' as const, at: plus(spec.commentAt, 10), by: 'u_test' } } : {}),
    due: { clockStart: spec.commentAt, interimAt, finalAt },
    followUps: [],
    approvals: (spec.approvals ?? []).map((a) => ({
      id: randomUUID(),
      textHash: 'a'.repeat(64),
      text: a.text ?? 'Draft reply for approval',
      findings: (a.rules ?? []).map((ruleId) => ({ ruleId, category: 'tone', severity: 'block' as const })),
      requestedBy: 'u_test',
      requestedAt: plus(spec.commentAt, 20),
      state: a.state,
      ...(a.state !== 'requested' ? { decidedBy: 'u_test', decidedAt: plus(spec.commentAt, 40) } : {}),
    })),
    updatedAt: plus(spec.commentAt, 60),
    version: 1,
  };
}

export async function insertReportItems(db: Db, specs: ReportItemSpec[]): Promise<Triage[]> {
  const triages = specs.map(reportTriage);
  if (triages.length === 0) return triages;
  await db.insert(schema.items).values(
    triages.map((t) => ({
      key: t.key,
      departmentId: t.departmentId,
      version: 1,
      triage: t,
      updatedAt: new Date(t.updatedAt),
      status: t.status,
      work: t.work ?? null,
      commentAt: new Date(t.item.createdAt),
      interimDueAt: t.due?.interimAt ? new Date(t.due.interimAt) : null,
      finalDueAt: t.due?.finalAt ? new Date(t.due.finalAt) : null,
    })),
  );
  return triages;
}

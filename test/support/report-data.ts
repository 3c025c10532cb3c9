import { randomUUID } from 'node:crypto';
import type { Approval, Flag, Reply, Triage } from '../../lib/contract/triage';
import type { Db } from '../../server/db/connect';
import * as schema from '../../server/db/schema';
import { clockColumns } from '../../server/services/sync';

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
  /** The post or comment it answers. */
  parent?: { kind: 'post' | 'comment'; id: string };
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
      ...(spec.parent ? { parent: spec.parent } : {}),
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
  // The columns as the server's push copies them from the triage (one definition: clockColumns).
  const date = (iso: string | null) => (iso === null ? null : new Date(iso));
  await db.insert(schema.items).values(
    triages.map((t) => {
      const columns = clockColumns(t);
      return {
        key: t.key,
        departmentId: t.departmentId,
        version: 1,
        triage: t,
        updatedAt: new Date(t.updatedAt),
        status: columns.status,
        work: columns.work,
        commentAt: date(columns.comment_at),
        interimDueAt: date(columns.interim_due_at),
        finalDueAt: date(columns.final_due_at),
        clockStartAt: date(columns.clock_start_at),
        firstReplyAt: date(columns.first_reply_at),
        finalReplyAt: date(columns.final_reply_at),
        flags: columns.flags,
      };
    }),
  );
  return triages;
}

/**
 * November 2026 in Asia/Kolkata (the demo organisation's zone), every deadline long past: each item
 * decides the figures in a way named beside it.
 */
export const NOVEMBER: ReportItemSpec[] = [
  // met both: interim after 1 h, final after 10 h (seen on the page)
  { id: '7001', department: 'hallmarking', commentAt: '2026-11-03T04:00:00.000Z', replies: [{ stage: 'interim', source: 'seen', afterMinutes: 60 }, { stage: 'final', source: 'seen', afterMinutes: 600 }] },
  // missed both: interim after 5 h, final (marked by hand) after 13 h 20
  { id: '7002', department: 'hallmarking', commentAt: '2026-11-03T06:00:00.000Z', replies: [{ stage: 'interim', source: 'seen', afterMinutes: 300 }, { stage: 'final', source: 'manual', afterMinutes: 800 }] },
  // a reply only pressed in the composer never counts: both missed, open and overdue
  { id: '7003', department: 'hallmarking', commentAt: '2026-11-05T06:00:00.000Z', flags: ['sub_judice'], replies: [{ stage: 'interim', source: 'composer', afterMinutes: 30 }] },
  // closed as spam: needs no reply, counts in neither; its text would be a formula in a spreadsheet
  { id: '7004', department: 'hallmarking', commentAt: '2026-11-10T06:00:00.000Z', flags: ['spam'], closed: true, text: '=HYPERLINK("http://evil.example","x")' },
  // interim met after 100 min, no final: missed, open, overdue; approvals and overrides
  {
    id: '7005',
    department: 'certification',
    commentAt: '2026-11-10T07:00:00.000Z',
    replies: [{ stage: 'interim', source: 'seen', afterMinutes: 100 }],
    overrides: [['tone-polite', 'tag-directorate']],
    approvals: [{ state: 'approved', rules: ['tone-polite'], text: 'हम जाँच कर रहे हैं' }, { state: 'rejected', rules: ['tone-polite'] }],
  },
  // Facebook, met both (200 min, 700 min)
  { id: '7006', platform: 'facebook', department: 'hallmarking', commentAt: '2026-11-20T05:00:00.000Z', replies: [{ stage: 'interim', source: 'seen', afterMinutes: 200 }, { stage: 'final', source: 'seen', afterMinutes: 700 }] },
  // 19:00 UTC on 31 October is 00:30 on 1 November in Kolkata: in the range; untriaged, missed both
  { id: '7007', commentAt: '2026-10-31T19:00:00.000Z' },
  // 00:30 on 1 December in Kolkata: outside
  { id: '7008', department: 'hallmarking', commentAt: '2026-11-30T19:00:00.000Z' },
];


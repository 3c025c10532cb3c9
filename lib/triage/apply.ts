import type { CommentItem } from '../contract/item';
import { itemKey, type ItemKey } from '../contract/item';
import type { Mutation, Triage } from '../contract/triage';

export type ApplyOutcome =
  | { outcome: 'applied'; triage: Triage }
  | { outcome: 'conflict'; triage: Triage; reason: string }
  | { outcome: 'rejected'; reason: string };

export function emptyTriage(item: CommentItem, at: string): Triage {
  return {
    key: itemKey(item.platform, item.id),
    item,
    departmentId: null,
    flags: [],
    status: 'open',
    cannedUsed: [],
    replies: [],
    overrides: [],
    notes: [],
    followUps: [],
    approvals: [],
    updatedAt: at,
    version: 0,
  };
}

/**
 * Applies one mutation to an item's triage. Pure, and shared by the extension's local store and
 * the server, so both reach the same state from the same actions.
 * `actor` is who is recorded as having made the change (a user id on the server, "local" offline).
 */
export function applyMutation(current: Triage | undefined, mutation: Mutation, actor: string): ApplyOutcome {
  const base = current ?? emptyTriage(mutation.item, mutation.at);
  if (current && current.key !== itemKey(mutation.item.platform, mutation.item.id)) {
    return { outcome: 'rejected', reason: 'item key does not match the stored row' };
  }
  // The item is refreshed from the page, but its creation time (the SLA clock's start) is the first one
  // recorded: Facebook only shows relative times, so later readings drift.
  const item = { ...mutation.item, createdAt: base.item.createdAt };
  const touched = { ...base, item, updatedAt: mutation.at, updatedBy: actor };
  const { op } = mutation;
  switch (op.type) {
    case 'see': {
      // Recording a comment changes nothing a moderator set; a row that exists already stays as it is
      // (the server decides whether the reading is newer), so scrolling past 1,000 comments bumps nothing.
      if (current) {
        if (current.work !== undefined) return { outcome: 'applied', triage: base };
        return { outcome: 'applied', triage: { ...touched, work: op.work, firstSeenAt: current.firstSeenAt ?? op.firstSeenAt } };
      }
      return { outcome: 'applied', triage: { ...touched, work: op.work, firstSeenAt: op.firstSeenAt } };
    }
    case 'track': {
      if (op.on) {
        if (base.work !== undefined) return { outcome: 'applied', triage: base };
        return { outcome: 'applied', triage: { ...touched, work: 'tracked', firstSeenAt: base.firstSeenAt ?? mutation.at } };
      }
      if (base.work !== 'tracked') return { outcome: 'applied', triage: base };
      const { work: _untracked, ...rest } = touched;
      return { outcome: 'applied', triage: rest };
    }
    case 'assign': {
      if (base.departmentId === op.departmentId) return { outcome: 'applied', triage: base };
      if (base.departmentId !== op.baseDepartmentId) {
        return { outcome: 'conflict', triage: base, reason: 'assigned by someone else meanwhile' };
      }
      // A new department has not accepted it yet; an unassigned item goes back to the moderators' queue.
      const { acceptedBy: _by, acceptedAt: _at, ...unaccepted } = touched;
      const notes = op.note ? [...base.notes, { id: mutation.id, text: op.note, at: mutation.at, by: actor }] : base.notes;
      const reassigned = {
        ...unaccepted,
        departmentId: op.departmentId,
        notes,
        status: base.status === 'accepted' ? ('open' as const) : base.status,
      };
      if (op.departmentId === null) {
        const { assignedBy: _a, assignedAt: _t, ...unassigned } = reassigned;
        return { outcome: 'applied', triage: unassigned };
      }
      return { outcome: 'applied', triage: { ...reassigned, assignedBy: actor, assignedAt: mutation.at } };
    }
    case 'accept': {
      if (base.departmentId === null) return { outcome: 'rejected', reason: 'not assigned to a department yet' };
      if (base.acceptedBy !== undefined) return { outcome: 'applied', triage: base };
      const status = base.status === 'open' ? 'accepted' : base.status;
      return { outcome: 'applied', triage: { ...touched, acceptedBy: actor, acceptedAt: mutation.at, status } };
    }
    case 'note':
      return {
        outcome: 'applied',
        triage: { ...touched, notes: [...base.notes, { id: mutation.id, text: op.text, at: mutation.at, by: actor }] },
      };
    case 'close': {
      if (base.status === 'closed') return { outcome: 'applied', triage: base };
      const closed = { reason: op.reason, at: mutation.at, by: actor, ...(op.note ? { note: op.note } : {}) };
      return { outcome: 'applied', triage: { ...touched, status: 'closed', closed } };
    }
    case 'reopen': {
      if (base.status !== 'closed' && base.status !== 'replied') return { outcome: 'applied', triage: base };
      const { closed: _closed, ...open } = touched;
      return { outcome: 'applied', triage: { ...open, status: base.acceptedBy ? 'accepted' : 'open' } };
    }
    case 'flag': {
      const has = base.flags.includes(op.flag);
      if (has === op.on) return { outcome: 'applied', triage: base };
      const flags = op.on ? [...base.flags, op.flag] : base.flags.filter((f) => f !== op.flag);
      return { outcome: 'applied', triage: { ...touched, flags } };
    }
    case 'useCanned':
      return {
        outcome: 'applied',
        triage: { ...touched, cannedUsed: [...base.cannedUsed, { cannedId: op.cannedId, at: mutation.at }] },
      };
    case 'recordReply':
      return { outcome: 'applied', triage: recordReply(base, touched, op, mutation.at) };
    case 'override':
      return {
        outcome: 'applied',
        triage: {
          ...touched,
          overrides: [...base.overrides, { ruleIds: op.ruleIds, reason: op.reason, text: op.text, at: mutation.at, by: actor }],
        },
      };
    case 'linkFollowUp': {
      if (op.of === base.key) return { outcome: 'rejected', reason: 'an item cannot follow up itself' };
      if (base.followUpOf === op.of) return { outcome: 'applied', triage: base };
      return { outcome: 'applied', triage: { ...touched, followUpOf: op.of } };
    }
    case 'requestApproval': {
      if (base.approvals.some((a) => a.id === op.approvalId)) return { outcome: 'applied', triage: base };
      const approval = {
        id: op.approvalId,
        textHash: op.textHash,
        text: op.text,
        findings: op.findings,
        requestedBy: actor,
        requestedAt: mutation.at,
        state: 'requested' as const,
      };
      return { outcome: 'applied', triage: { ...touched, approvals: [...base.approvals, approval] } };
    }
    case 'decideApproval': {
      const approval = base.approvals.find((a) => a.id === op.approvalId);
      if (!approval) return { outcome: 'rejected', reason: 'no such approval request on this item' };
      if (approval.textHash !== op.textHash) return { outcome: 'rejected', reason: 'the draft changed since this approval was requested' };
      if (approval.state !== 'requested') return { outcome: 'rejected', reason: `this request was already ${approval.state}` };
      if (approval.requestedBy === actor) return { outcome: 'rejected', reason: 'a request cannot be decided by whoever made it' };
      const decided = {
        ...approval,
        state: op.decision,
        decidedBy: actor,
        decidedAt: mutation.at,
        ...(op.note ? { note: op.note } : {}),
      };
      return { outcome: 'applied', triage: { ...touched, approvals: base.approvals.map((a) => (a.id === op.approvalId ? decided : a)) } };
    }
  }
}

/**
 * The other side of a linkFollowUp: the item followed up lists its follower (KMC circular 19, follow-up
 * queries shown on both). `linked` false takes the follower off (it now follows up another item). Returns
 * the row itself when nothing changes.
 */
export function withFollower(original: Triage, follower: ItemKey, linked = true): Triage {
  const has = original.followUps.includes(follower);
  if (has === linked) return original;
  return { ...original, followUps: linked ? [...original.followUps, follower] : original.followUps.filter((key) => key !== follower) };
}

type RecordReplyOp = Extract<Mutation['op'], { type: 'recordReply' }>;

/**
 * A reply posted from the composer waits as "posted, not yet seen"; the same text seen under the item
 * (or marked with its link) replaces it as the proof. Only seen and marked replies settle a stage, and
 * a final one settles the item.
 */
function recordReply(base: Triage, touched: Triage, op: RecordReplyOp, at: string): Triage {
  if (op.replyId !== undefined && base.replies.some((r) => r.replyId === op.replyId)) return base;
  const reply = {
    stage: op.stage,
    text: op.text,
    at,
    source: op.source ?? ('composer' as const),
    ...(op.replyId !== undefined ? { replyId: op.replyId } : {}),
    ...(op.permalink !== undefined ? { permalink: op.permalink } : {}),
    ...(op.handle !== undefined ? { handle: op.handle } : {}),
    ...(op.postedAt !== undefined ? { postedAt: op.postedAt } : {}),
  };
  const proven = (op.source ?? 'composer') !== 'composer';
  const pending = proven ? base.replies.findIndex((r) => r.source === 'composer' && sameText(r.text, op.text)) : -1;
  const replies = pending >= 0 ? base.replies.map((r, i) => (i === pending ? { ...reply, stage: r.stage } : r)) : [...base.replies, reply];
  const settledFinal = proven && replies.some((r) => r.source !== 'composer' && r.stage === 'final');
  const status = settledFinal && base.status !== 'closed' ? 'replied' : base.status;
  return { ...touched, replies, status };
}

function sameText(a: string, b: string): boolean {
  const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
  return squash(a) === squash(b);
}

/**
 * Whether `incoming` may replace `current` in a view of the store. Replies and broadcasts can arrive
 * out of order, so an older row must never overwrite a newer one: a higher server version is newer;
 * on the same version (local changes on one server row, all from this install's clock), the later change.
 */
export function isNewerTriage(incoming: Triage, current: Triage | undefined): boolean {
  if (!current) return true;
  if (incoming.version !== current.version) return incoming.version > current.version;
  return Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt);
}

import type { CommentItem } from '../contract/item';
import { itemKey } from '../contract/item';
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
    cannedUsed: [],
    replies: [],
    overrides: [],
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
    case 'assign': {
      if (base.departmentId === op.departmentId) return { outcome: 'applied', triage: base };
      if (base.departmentId !== op.baseDepartmentId) {
        return { outcome: 'conflict', triage: base, reason: 'assigned by someone else meanwhile' };
      }
      return {
        outcome: 'applied',
        triage: { ...touched, departmentId: op.departmentId, assignedBy: actor, assignedAt: mutation.at },
      };
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
      return {
        outcome: 'applied',
        triage: { ...touched, replies: [...base.replies, { stage: op.stage, text: op.text, at: mutation.at }] },
      };
    case 'override':
      return {
        outcome: 'applied',
        triage: {
          ...touched,
          overrides: [...base.overrides, { ruleIds: op.ruleIds, reason: op.reason, text: op.text, at: mutation.at }],
        },
      };
  }
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

import { z } from 'zod';
import { PublicUser } from '../contract/api';

/** The team-server session, kept in the background's IndexedDB (never in storage a page can read). */
export const SyncSession = z.object({
  serverUrl: z.url(),
  token: z.string().min(1),
  expiresAt: z.iso.datetime({ offset: true }),
  user: PublicUser,
  /** Pull cursor: the server version this install has seen. */
  cursor: z.number().int().nonnegative(),
  orgVersion: z.number().int().nonnegative(),
  lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
  /** Set when the server refused the token: the moderator must sign in again; the outbox waits. */
  expired: z.boolean(),
  /** The server's clock minus this one's, in ms, from the last answer's serverTime (kept across restarts). */
  clockOffsetMs: z.number().nullable().optional(),
});
export type SyncSession = z.infer<typeof SyncSession>;

export const SyncStatus = z.object({
  signedIn: z.boolean(),
  expired: z.boolean(),
  serverUrl: z.string().nullable(),
  user: PublicUser.nullable(),
  lastSyncAt: z.string().nullable(),
  /** Unsent actions the signed-in user may send (all of them when signed out). */
  pending: z.number().int().nonnegative(),
  /** Unsent actions other users made in this browser: sent only when they sign in again. */
  unsentByOthers: z.array(z.object({ user: z.object({ id: z.string(), name: z.string() }), count: z.number().int().positive() })),
  /** Outbox rows that could not be read, set aside (kept for export). */
  setAside: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  connected: z.boolean(),
  /**
   * The server's clock minus this browser's, in ms (null or absent until a server has answered): due
   * times are shown against `serverNow(clockOffsetMs)` (lib/triage/sla.ts).
   */
  clockOffsetMs: z.number().nullable().optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** "https://team.example.in/" → "https://team.example.in": one spelling for every request. */
export function normaliseServerUrl(input: string): string {
  const url = new URL(input.trim());
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('the server address must start with https:// or http://');
  return url.origin + url.pathname.replace(/\/+$/, '');
}

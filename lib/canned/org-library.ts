import type { OrgConfig } from '../contract/org';
import { extensionDefaults } from '../defaults';
import { CannedLibrary, CannedReply, type CannedProblem } from './schema';

export interface OrgCannedLibrary {
  replies: CannedLibrary;
  /** Replies of the org config that did not validate, left out (shown on the options page). */
  problems: CannedProblem[];
}

/**
 * The canned replies of an organisation: its own when it has any (OrgConfig keeps them as opaque
 * blobs), else the bundled default library. One invalid reply is left out with its problems rather
 * than taking the whole library down with it.
 */
export function cannedLibraryOf(org: Pick<OrgConfig, 'cannedReplies'>): OrgCannedLibrary {
  if (org.cannedReplies === undefined) return { replies: extensionDefaults().cannedLibrary, problems: [] };
  const whole = CannedLibrary.safeParse(org.cannedReplies);
  if (whole.success) return { replies: whole.data, problems: [] };
  const problems: CannedProblem[] = whole.error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
    message: issue.message,
  }));
  const badIndexes = new Set(problems.map((p) => p.path[0]));
  const seenIds = new Set<string>();
  const seenShortcuts = new Set<string>();
  const replies: CannedLibrary = [];
  org.cannedReplies.forEach((blob, index) => {
    const reply = CannedReply.safeParse(blob);
    if (!reply.success || badIndexes.has(index) || seenIds.has(reply.data.id)) return;
    if (reply.data.shortcut && seenShortcuts.has(reply.data.shortcut)) return;
    seenIds.add(reply.data.id);
    if (reply.data.shortcut) seenShortcuts.add(reply.data.shortcut);
    replies.push(reply.data);
  });
  return { replies, problems };
}

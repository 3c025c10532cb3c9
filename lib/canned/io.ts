import { z } from 'zod';
import { CannedLibrary, type CannedProblem } from './schema';

/**
 * The JSON file the options page exports and imports. Import also takes a bare array of replies, the
 * shape of OrgConfig.cannedReplies, so a library can be copied between the two.
 */
const FORMAT = 'samvad-canned-replies';

const CannedFile = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  replies: z.unknown(),
});

export function exportCannedLibrary(replies: CannedLibrary): string {
  return `${JSON.stringify({ format: FORMAT, version: 1, replies }, null, 2)}\n`;
}

export type ImportResult = { ok: true; replies: CannedLibrary } | { ok: false; problems: CannedProblem[] };

export function importCannedLibrary(json: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, problems: [{ path: [], message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  let replies: unknown = data;
  if (!Array.isArray(data)) {
    const file = CannedFile.safeParse(data);
    if (!file.success) {
      return { ok: false, problems: [{ path: [], message: `expected a list of replies or a ${FORMAT} file (version 1)` }] };
    }
    replies = file.data.replies;
  }
  const parsed = CannedLibrary.safeParse(replies);
  if (parsed.success) return { ok: true, replies: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))), message: issue.message })),
  };
}

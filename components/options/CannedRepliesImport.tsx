import { useState } from 'preact/hooks';
import { z } from 'zod';
import { importCannedLibrary } from '../../lib/canned/io';
import { CannedLibrary, type CannedProblem } from '../../lib/canned/schema';
import { useI18n, type Translate } from '../../lib/i18n';

export type ImportMode = 'merge' | 'replace';

/**
 * Merge by id: an imported reply takes the place of the one with its id, new ones go at the end, and
 * replies the file does not mention stay.
 */
export function mergeById(current: CannedLibrary, imported: CannedLibrary): CannedLibrary {
  const byId = new Map(imported.map((reply) => [reply.id, reply]));
  const merged = current.map((reply) => byId.get(reply.id) ?? reply);
  const kept = new Set(current.map((reply) => reply.id));
  return [...merged, ...imported.filter((reply) => !kept.has(reply.id))];
}

type Outcome = { kind: 'problems'; problems: CannedProblem[]; replies: unknown[] } | { kind: 'done'; imported: number; total: number };

interface Props {
  library: CannedLibrary;
  /** Resolves false when the library could not be stored (the section says why). */
  onImport: (replies: CannedLibrary) => Promise<boolean>;
}

/** Import from a JSON file or pasted JSON (an export of this page, or a bare list as in the org config). */
export function CannedRepliesImport({ library, onImport }: Props) {
  const { t } = useI18n();
  const [json, setJson] = useState('');
  const [mode, setMode] = useState<ImportMode>('merge');
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async (source: string) => {
    const result = importCannedLibrary(source);
    if (!result.ok) {
      setOutcome({ kind: 'problems', problems: result.problems, replies: repliesIn(source) });
      return;
    }
    const next = mode === 'replace' ? result.replies : mergeById(library, result.replies);
    // Merging can still clash: an imported shortcut already used by a reply the file does not replace.
    const whole = CannedLibrary.safeParse(next);
    if (!whole.success) {
      const problems = whole.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))), message: issue.message }));
      setOutcome({ kind: 'problems', problems, replies: next });
      return;
    }
    setOutcome(null);
    if (!(await onImport(whole.data))) return;
    setOutcome({ kind: 'done', imported: result.replies.length, total: whole.data.length });
    setJson('');
  };

  return (
    <div class="canned-import">
      <h3>{t('cannedOptions.importTitle')}</h3>
      <fieldset>
        <label>
          <input type="radio" name="import-mode" value="merge" checked={mode === 'merge'} onChange={() => setMode('merge')} /> {t('cannedOptions.importMerge')}
        </label>
        <br />
        <label>
          <input type="radio" name="import-mode" value="replace" checked={mode === 'replace'} onChange={() => setMode('replace')} /> {t('cannedOptions.importReplace')}
        </label>
      </fieldset>
      <p>
        <label>
          {t('cannedOptions.importFile')}{' '}
          <input
            type="file"
            name="import-file"
            accept="application/json,.json"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void file.text().then(run);
            }}
          />
        </label>
      </p>
      <p>
        <label>
          {t('cannedOptions.importPaste')}
          <textarea name="import-json" rows={4} style={{ display: 'block', width: '100%', boxSizing: 'border-box' }} value={json} onInput={(e) => setJson(e.currentTarget.value)} />
        </label>
      </p>
      <button type="button" data-action="import" disabled={!json.trim()} onClick={() => void run(json)}>
        {t('cannedOptions.import')}
      </button>
      {outcome?.kind === 'problems' && (
        <div class="error" role="alert" data-import-problems>
          <p>{t('cannedOptions.importProblems')}</p>
          <ul>
            {outcome.problems.map((problem, index) => (
              <li key={index}>{t('cannedOptions.problemAt', { where: problemPlace(problem, outcome.replies, t), message: problem.message })}</li>
            ))}
          </ul>
        </div>
      )}
      {outcome?.kind === 'done' && (
        <p role="status" data-import-done>
          {t('cannedOptions.imported', { n: outcome.imported, total: outcome.total })}
        </p>
      )}
    </div>
  );
}

/** Where a problem is, for people: "reply 2 (ack-query) › text.hi", or "file" for the whole of it. */
export function problemPlace(problem: CannedProblem, replies: readonly unknown[], t: Translate): string {
  const [index, ...rest] = problem.path;
  if (typeof index !== 'number') return problem.path.join('.') || t('cannedOptions.wholeFile');
  const id = idOf(replies[index]);
  const reply = id ? t('cannedOptions.replyNamed', { n: index + 1, id }) : t('cannedOptions.replyNumber', { n: index + 1 });
  return rest.length ? `${reply} › ${rest.join('.')}` : reply;
}

/** The replies of an import that failed, to name a bad reply by its id; empty when the JSON is unreadable. */
const ReplyList = z.union([z.array(z.unknown()), z.object({ replies: z.array(z.unknown()) }).transform((file) => file.replies)]);
const WithId = z.object({ id: z.string().min(1) });

function repliesIn(source: string): unknown[] {
  try {
    const parsed = ReplyList.safeParse(JSON.parse(source));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function idOf(reply: unknown): string | null {
  const parsed = WithId.safeParse(reply);
  return parsed.success ? parsed.data.id : null;
}

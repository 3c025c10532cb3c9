import { useRef, useState } from 'preact/hooks';
import type { OrgConfig } from '../../lib/contract/org';
import {
  describeStoredPacks,
  parseHandles,
  removePack,
  upsertPack,
  validatePackText,
  withHandles,
  withRulePacks,
  type HandleProblem,
} from '../../lib/guard/org-packs';
import { useI18n } from '../../lib/i18n';
import type { PackProblem } from '../../lib/rules';

export interface RulePacksSectionProps {
  org: OrgConfig;
  /** Stores the changed organisation config; rejects with the reason it could not. */
  onSave: (org: OrgConfig) => Promise<void>;
}

// Laid out here rather than in the shared page.css: block fields, the pack editor full width.
const blockField = { display: 'block', width: '100%', boxSizing: 'border-box', marginTop: '4px' } as const;
const columnLabel = { display: 'flex', flexDirection: 'column', flex: '1', gap: '4px' } as const;

/** Index in `text` where 1-based `line` starts and ends, to select a problem's line in the editor. */
function lineRange(text: string, line: number): [number, number] {
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', start);
    if (next === -1) break;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end === -1 ? text.length : end];
}

/**
 * The organisation's own guideline rules (e.g. its sub-judice case list) and the handles that
 * required-tag rules ask for. Packs are validated as the CLI validates them, problems shown by line and field.
 */
export function RulePacksSection({ org, onSave }: RulePacksSectionProps) {
  const { t } = useI18n();
  const [packText, setPackText] = useState('');
  const [problems, setProblems] = useState<PackProblem[]>([]);
  const [packStatus, setPackStatus] = useState('');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [xHandles, setXHandles] = useState(org.handles.x.join('\n'));
  const [facebookHandles, setFacebookHandles] = useState(org.handles.facebook.join('\n'));
  const [handleProblems, setHandleProblems] = useState<HandleProblem[]>([]);
  const [handleStatus, setHandleStatus] = useState('');
  const stored = describeStoredPacks(org.rulePacks ?? []);

  const save = async (next: OrgConfig, done: string, setStatus: (text: string) => void) => {
    try {
      await onSave(next);
      setStatus(done);
    } catch (error) {
      setStatus(t('rulePacks.saveFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  const submitPack = async (text: string, sourceName: string) => {
    setPackStatus('');
    const result = validatePackText(text, sourceName);
    if (!result.ok) {
      setProblems(result.problems);
      const first = result.problems[0];
      const editor = textRef.current;
      if (first && editor && first.line > 0) {
        editor.focus();
        editor.setSelectionRange(...lineRange(text, first.line));
        // Selecting does not scroll a textarea: bring the problem's line into view.
        const lineHeight = Number.parseFloat(getComputedStyle(editor).lineHeight) || 18;
        editor.scrollTop = Math.max(0, (first.line - 3) * lineHeight);
      }
      return;
    }
    setProblems([]);
    const { packs, replaced } = upsertPack(org.rulePacks ?? [], result.pack);
    await save(withRulePacks(org, packs), t(replaced ? 'rulePacks.replaced' : 'rulePacks.saved', { id: result.pack.id }), setPackStatus);
    setPackText('');
  };

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const text = await file.text();
    setPackText(text);
    await submitPack(text, file.name);
  };

  const submitHandles = async () => {
    setHandleStatus('');
    const result = parseHandles({ x: xHandles, facebook: facebookHandles });
    if (!result.ok) {
      setHandleProblems(result.problems);
      return;
    }
    setHandleProblems([]);
    await save(withHandles(org, result.handles), t('handles.saved'), setHandleStatus);
  };

  return (
    <section data-section="rule-packs">
      <h2>{t('rulePacks.title')}</h2>
      <p class="muted">{t('rulePacks.localOnly')}</p>
      {stored.length === 0 ? (
        <p>{t('rulePacks.none')}</p>
      ) : (
        <ul class="rule-packs">
          {stored.map((entry) => (
            <li key={entry.id} data-pack-id={entry.id} data-valid={String(entry.ok)}>
              {entry.ok ? (
                t('rulePacks.summary', { name: entry.pack.name, id: entry.id, version: entry.pack.version, rules: entry.pack.rules.length })
              ) : (
                <>
                  {entry.id} — <span class="error">{t('rulePacks.storedInvalid', { reason: entry.reason })}</span>
                </>
              )}{' '}
              <button
                type="button"
                data-action="remove-pack"
                onClick={() => void save(withRulePacks(org, removePack(org.rulePacks ?? [], entry.id)), t('rulePacks.removed', { id: entry.id }), setPackStatus)}
              >
                {t('rulePacks.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('rulePacks.add')}</h3>
      <p class="muted">{t('rulePacks.addHint')}</p>
      <label for="rule-pack-json">{t('rulePacks.json')}</label>
      <textarea
        id="rule-pack-json"
        ref={textRef}
        style={blockField}
        rows={12}
        cols={80}
        spellcheck={false}
        aria-invalid={problems.length > 0}
        aria-describedby="rule-pack-problems"
        value={packText}
        onInput={(event) => setPackText((event.target as HTMLTextAreaElement).value)}
      />
      <div style={{ marginTop: '8px' }}>
        <button type="button" data-action="save-pack" onClick={() => void submitPack(packText, 'pack')}>
          {t('rulePacks.save')}
        </button>{' '}
        <label>
          {t('rulePacks.import')}{' '}
          <input type="file" accept=".json,application/json" data-action="import-pack" onChange={(event) => void importFile(event.target as HTMLInputElement)} />
        </label>
      </div>
      <div id="rule-pack-problems" role="alert">
        {problems.length > 0 && (
          <>
            <p class="error">{t('rulePacks.invalid')}</p>
            <ul class="problems">
              {problems.map((problem, index) => (
                <li key={index} data-problem="" data-line={problem.line} data-column={problem.column} data-path={problem.path}>
                  {problem.line > 0 && <strong>{t('rulePacks.at', { line: problem.line, column: problem.column })}</strong>}
                  {problem.path && <> — <code>{t('rulePacks.field', { path: problem.path })}</code></>}: {problem.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {packStatus && <p role="status" data-status="packs">{packStatus}</p>}

      <h3>{t('handles.title')}</h3>
      <p class="muted">{t('handles.hint')}</p>
      <div class="handles" style={{ display: 'flex', gap: '16px', marginBottom: '8px' }}>
        <label style={columnLabel}>
          {t('handles.x')}
          <textarea
            name="handles-x"
            rows={3}
            aria-invalid={handleProblems.some((p) => p.field === 'x')}
            value={xHandles}
            onInput={(event) => setXHandles((event.target as HTMLTextAreaElement).value)}
          />
        </label>
        <label style={columnLabel}>
          {t('handles.facebook')}
          <textarea
            name="handles-facebook"
            rows={3}
            aria-invalid={handleProblems.some((p) => p.field === 'facebook')}
            value={facebookHandles}
            onInput={(event) => setFacebookHandles((event.target as HTMLTextAreaElement).value)}
          />
        </label>
      </div>
      <button type="button" data-action="save-handles" onClick={() => void submitHandles()}>
        {t('handles.save')}
      </button>
      {handleProblems.length > 0 && (
        <ul class="problems error" role="alert">
          {handleProblems.map((problem, index) => (
            <li key={index} data-problem="" data-field={problem.field}>
              {t('handles.invalid', { field: t(problem.field === 'x' ? 'handles.x' : 'handles.facebook'), value: problem.value, message: problem.message })}
            </li>
          ))}
        </ul>
      )}
      {handleStatus && <p role="status" data-status="handles">{handleStatus}</p>}
    </section>
  );
}

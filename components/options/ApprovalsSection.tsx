import { useState } from 'preact/hooks';
import { ApprovalPolicy, type OrgConfig } from '../../lib/contract/org';
import { FLAGS } from '../../lib/contract/triage';
import { useI18n } from '../../lib/i18n';

export interface ApprovalsSectionProps {
  org: OrgConfig;
  /** Stores the changed organisation config; rejects with the reason it could not. */
  onSave: (org: OrgConfig) => Promise<void>;
}

const MAX_MINUTES = 30 * 24 * 60;

/**
 * The approval policy (BIS and KMC circulars: content released only after approval): which replies
 * wait for the department's approver — all, by flag, by department, drafts with a "must not post"
 * finding — and how long an approval holds.
 */
export function ApprovalsSection({ org, onSave }: ApprovalsSectionProps) {
  const { language, t } = useI18n();
  const [policy, setPolicy] = useState<ApprovalPolicy>(org.approvals);
  const [minutes, setMinutes] = useState(String(org.approvals.expiresMinutes));
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');

  // Functional updates: two quick changes before a re-render must both count.
  const set = (change: Partial<ApprovalPolicy>) => setPolicy((p) => ({ ...p, ...change }));
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((v) => v !== value));

  const save = async () => {
    setStatus('');
    const expiresMinutes = Number(minutes);
    if (!/^\d+$/.test(minutes.trim()) || expiresMinutes < 1 || expiresMinutes > MAX_MINUTES) {
      setProblem(t('approvals.invalidMinutes'));
      return;
    }
    const parsed = ApprovalPolicy.safeParse({ ...policy, expiresMinutes });
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      return;
    }
    setProblem('');
    try {
      await onSave({ ...org, approvals: parsed.data });
      setStatus(t('approvals.saved'));
    } catch (error) {
      setStatus(t('approvals.saveFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <section data-section="approvals">
      <h2>{t('approvals.policyTitle')}</h2>
      <p>{t('approvals.policyIntro')}</p>
      <label>
        <input
          type="checkbox"
          name="approvals-all"
          checked={policy.all}
          onChange={(event) => set({ all: event.currentTarget.checked })}
        />{' '}
        {t('approvals.all')}
      </label>
      <fieldset>
        <legend>{t('approvals.byFlag')}</legend>
        {FLAGS.map((flag) => (
          <label key={flag} style={{ display: 'block' }}>
            <input
              type="checkbox"
              name="approvals-flag"
              value={flag}
              checked={policy.flags.includes(flag)}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                setPolicy((p) => ({ ...p, flags: toggle(p.flags, flag, on) }));
              }}
            />{' '}
            {t(`flag.${flag}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('approvals.byDepartment')}</legend>
        {org.departments.map((department) => (
          <label key={department.id} style={{ display: 'block' }}>
            <input
              type="checkbox"
              name="approvals-department"
              value={department.id}
              checked={policy.departments.includes(department.id)}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                setPolicy((p) => ({ ...p, departments: toggle(p.departments, department.id, on) }));
              }}
            />{' '}
            {department.name[language]}
          </label>
        ))}
      </fieldset>
      <label style={{ display: 'block' }}>
        <input
          type="checkbox"
          name="approvals-blockFindings"
          checked={policy.blockFindings}
          onChange={(event) => set({ blockFindings: event.currentTarget.checked })}
        />{' '}
        {t('approvals.blockFindings')}
      </label>
      <label style={{ display: 'block' }}>
        {t('approvals.expiresMinutes')}{' '}
        <input
          type="number"
          name="approvals-expiresMinutes"
          min={1}
          max={MAX_MINUTES}
          step={1}
          value={minutes}
          aria-invalid={problem ? 'true' : undefined}
          onInput={(event) => setMinutes(event.currentTarget.value)}
        />
      </label>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" data-action="save-approvals" onClick={() => void save()}>
        {t('approvals.save')}
      </button>
      {status && (
        <p role="status" data-status="approvals">
          {status}
        </p>
      )}
    </section>
  );
}

import { useState } from 'preact/hooks';
import { Department, OrgConfig, type Department as DepartmentValue } from '../../lib/contract/org';
import { useI18n } from '../../lib/i18n';

export interface DepartmentsSectionProps {
  org: OrgConfig;
  /** Offer editing (the dashboard shows the list only to non-administrators). */
  editable: boolean;
  /** Stores the organisation with the new departments; rejects with the reason it could not. */
  onSave: (departments: DepartmentValue[]) => Promise<void>;
}

interface Draft {
  id: string;
  nameEn: string;
  nameHi: string;
  contactName: string;
  designation: string;
  mobile: string;
  email: string;
  approver: string;
  delegate: string;
}

const EMPTY: Draft = { id: '', nameEn: '', nameHi: '', contactName: '', designation: '', mobile: '', email: '', approver: '', delegate: '' };

const draftOf = (d: DepartmentValue): Draft => ({
  id: d.id,
  nameEn: d.name.en,
  nameHi: d.name.hi,
  contactName: d.contact.name,
  designation: d.contact.designation,
  mobile: d.contact.mobile,
  email: d.contact.email,
  approver: d.approver ?? '',
  delegate: d.delegate ?? '',
});

/** Each form field and the schema path whose problems it shows. */
const FIELDS: Array<[keyof Draft, string, 'departments.id' | 'departments.nameEn' | 'departments.nameHi' | 'departments.contactName' | 'departments.designation' | 'departments.mobile' | 'departments.email' | 'departments.approver' | 'departments.delegate', string]> = [
  ['id', 'id', 'departments.id', 'text'],
  ['nameEn', 'name.en', 'departments.nameEn', 'text'],
  ['nameHi', 'name.hi', 'departments.nameHi', 'text'],
  ['contactName', 'contact.name', 'departments.contactName', 'text'],
  ['designation', 'contact.designation', 'departments.designation', 'text'],
  ['mobile', 'contact.mobile', 'departments.mobile', 'tel'],
  ['email', 'contact.email', 'departments.email', 'email'],
  ['approver', 'approver', 'departments.approver', 'email'],
  ['delegate', 'delegate', 'departments.delegate', 'email'],
];

/**
 * The departments and their One-Point Contacts (KMC circular 19: name, designation, mobile, e-mail),
 * with the approver and delegate of the BIS circular. Checked with the organisation's own schema
 * (lib/contract/org), whose messages are shown beside the fields, before anything is saved.
 */
export function DepartmentsSection({ org, editable, onSave }: DepartmentsSectionProps) {
  const { language, t } = useI18n();
  /** The department being edited: its index, or -1 for a new one; null when none is. */
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState('');

  const open = (index: number) => {
    setEditing(index);
    setDraft(index >= 0 ? draftOf(org.departments[index]!) : EMPTY);
    setProblems({});
    setStatus('');
  };

  const save = async (departments: DepartmentValue[]) => {
    try {
      await onSave(departments);
      setEditing(null);
      setStatus(t('departments.saved'));
    } catch (error) {
      setStatus(t('departments.saveFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const candidate = {
      id: draft.id.trim(),
      name: { en: draft.nameEn.trim(), hi: draft.nameHi.trim() },
      contact: { name: draft.contactName.trim(), designation: draft.designation.trim(), mobile: draft.mobile.trim(), email: draft.email.trim() },
      ...(draft.approver.trim() ? { approver: draft.approver.trim() } : {}),
      ...(draft.delegate.trim() ? { delegate: draft.delegate.trim() } : {}),
    };
    const departments = [...org.departments];
    if (editing === -1 || editing === null) departments.push(candidate as DepartmentValue);
    else departments[editing] = candidate as DepartmentValue;
    const index = editing === -1 || editing === null ? departments.length - 1 : editing;
    // The department alone, then the whole organisation (ids stay unique).
    const found: Record<string, string[]> = {};
    const one = Department.safeParse(candidate);
    const issues = one.success
      ? (OrgConfig.safeParse({ ...org, departments }).error?.issues ?? []).filter((i) => i.path[0] === 'departments' && i.path[1] === index).map((i) => ({ ...i, path: i.path.slice(2) }))
      : one.error.issues;
    for (const issue of issues) {
      const path = issue.path.map(String).join('.');
      (found[path] ??= []).push(issue.message);
    }
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setStatus(t('departments.invalid'));
      return;
    }
    await save(departments);
  };

  return (
    <section id="departments">
      <h2>{t('options.departments')}</h2>
      <ul class="departments">
        {org.departments.map((department, index) => (
          <li key={department.id} data-department-id={department.id}>
            <strong>{department.name[language]}</strong> — {department.contact.name}, {department.contact.designation}, {department.contact.mobile},{' '}
            {department.contact.email}
            {editable && (
              <>
                {' '}
                <button type="button" data-action="edit-department" onClick={() => open(index)}>
                  {t('departments.edit')}
                </button>{' '}
                <button
                  type="button"
                  data-action="remove-department"
                  disabled={org.departments.length === 1}
                  onClick={() => void save(org.departments.filter((_, i) => i !== index))}
                >
                  {t('departments.remove')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {editable && editing === null && (
        <button type="button" data-action="add-department" onClick={() => open(-1)}>
          {t('departments.add')}
        </button>
      )}
      {editing !== null && (
        <form data-form="department" onSubmit={(event) => void submit(event)} noValidate>
          {FIELDS.map(([field, path, label, type]) => (
            <p key={field}>
              <label>
                {t(label)}{' '}
                <input
                  name={`department-${field}`}
                  type={type}
                  value={draft[field]}
                  readOnly={field === 'id' && editing >= 0}
                  aria-invalid={problems[path] ? 'true' : undefined}
                  onInput={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}
                />
              </label>
              {problems[path]?.map((message) => (
                <span class="error" data-problem={path}>
                  {' '}
                  {message}
                </span>
              ))}
            </p>
          ))}
          <button type="submit" data-action="save-department">
            {t('departments.save')}
          </button>{' '}
          <button type="button" data-action="cancel-department" onClick={() => setEditing(null)}>
            {t('departments.cancel')}
          </button>
        </form>
      )}
      {status && (
        <p role="status" class="muted">
          {status}
        </p>
      )}
    </section>
  );
}

import { useRef, useState } from 'preact/hooks';
import type { Department } from '../lib/contract/org';
import { FLAGS, type Flag, type Triage } from '../lib/contract/triage';
import { useI18n } from '../lib/i18n';
import type { SlaStatus } from '../lib/triage/sla';
import { Menu } from './Menu';

export interface ToolbarProps {
  triage: Triage | undefined;
  departments: Department[];
  sla: SlaStatus;
  /** The SLA sentence, already formatted for the UI language ("Interim reply due in 2 h 5 min"). */
  slaText: string;
  /** A sentence to show after a failed or conflicting action; empty when all is well. */
  notice: string;
  onAssign: (departmentId: string | null) => void;
  onToggleFlag: (flag: Flag, on: boolean) => void;
  /** Opens the canned-reply picker under the Reply button. */
  onReply: (anchor: HTMLElement) => void;
}

type OpenMenu = 'assign' | 'flag' | null;

/** The per-comment triage bar. Comment text is never rendered here: only ids, names and states. */
export function Toolbar({ triage, departments, sla, slaText, notice, onAssign, onToggleFlag, onReply }: ToolbarProps) {
  const { language, t } = useI18n();
  const [open, setOpen] = useState<OpenMenu>(null);
  const assignRef = useRef<HTMLButtonElement>(null);
  const flagRef = useRef<HTMLButtonElement>(null);

  const departmentId = triage?.departmentId ?? null;
  const department = departments.find((d) => d.id === departmentId);
  const flags = triage?.flags ?? [];
  const close = (returnFocus: boolean) => {
    const button = open === 'assign' ? assignRef.current : flagRef.current;
    setOpen(null);
    if (returnFocus) button?.focus();
  };

  return (
    <div class="bar" role="toolbar" aria-label={t('toolbar.label')}>
      <button
          ref={assignRef}
          data-action="assign"
          aria-haspopup="menu"
          aria-expanded={open === 'assign'}
          onClick={() => setOpen(open === 'assign' ? null : 'assign')}
        >
          {t('toolbar.assign')} ▾
        </button>
        {open === 'assign' && (
          <Menu
            label={t('toolbar.assignMenu')}
            kind="radio"
            anchor={assignRef.current}
            entries={[
              ...departments.map((d) => ({
                id: d.id,
                label: d.name[language],
                checked: d.id === departmentId,
                attributes: { 'data-department-id': d.id },
              })),
              ...(departmentId
                ? [{ id: '', label: t('toolbar.unassign'), checked: false, attributes: { 'data-department-id': '' } }]
                : []),
            ]}
            onChoose={(id) => onAssign(id || null)}
            onClose={close}
          />
        )}
      <button data-action="reply" aria-haspopup="dialog" onClick={(event) => onReply(event.currentTarget)}>
        {t('toolbar.reply')}
      </button>
      <button
          ref={flagRef}
          data-action="flag"
          aria-haspopup="menu"
          aria-expanded={open === 'flag'}
          onClick={() => setOpen(open === 'flag' ? null : 'flag')}
        >
          {t('toolbar.flag')} ▾
        </button>
        {open === 'flag' && (
          <Menu
            label={t('toolbar.flagMenu')}
            kind="checkbox"
            anchor={flagRef.current}
            entries={FLAGS.map((flag) => ({
              id: flag,
              label: t(`flag.${flag}`),
              checked: flags.includes(flag),
              attributes: { 'data-flag': flag },
            }))}
            onChoose={(flag) => onToggleFlag(flag as Flag, !flags.includes(flag as Flag))}
            onClose={close}
          />
        )}
      <span
        class="status"
        data-samvad-status=""
        data-department={departmentId ?? ''}
        data-flags={flags.join(' ')}
        data-sla={sla.state}
        role="status"
      >
        <span class="department">{department ? department.name[language] : t('toolbar.unassigned')}</span>
        {flags.map((flag) => (
          <span class="flag" key={flag}>{t(`flag.${flag}`)}</span>
        ))}
        <span class={`sla sla-${sla.state}`}>{slaText}</span>
        {notice && <span class="notice">{notice}</span>}
      </span>
    </div>
  );
}

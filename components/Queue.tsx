import type { Department } from '../lib/contract/org';
import { useI18n } from '../lib/i18n';
import type { QueueRow, QueueScope } from '../lib/triage/queue';

interface QueueProps {
  rows: QueueRow[];
  departments: Department[];
  scope: QueueScope;
  onScope: (scope: QueueScope) => void;
  includeReplied: boolean;
  onIncludeReplied: (include: boolean) => void;
  /** The SLA sentence of a row ("Final reply due in 2 h 5 min"). */
  slaText: (row: QueueRow) => string;
  onOpen: (permalink: string) => void;
}

const scopeValue = (scope: QueueScope) =>
  scope.kind === 'department' ? `department:${scope.departmentId}` : scope.kind;

function parseScope(value: string): QueueScope {
  if (value.startsWith('department:')) return { kind: 'department', departmentId: value.slice('department:'.length) };
  return value === 'unassigned' ? { kind: 'unassigned' } : { kind: 'all' };
}

/** The triage queue: what waits for a reply, most urgent first. Comment text is shown as text only. */
export function Queue({ rows, departments, scope, onScope, includeReplied, onIncludeReplied, slaText, onOpen }: QueueProps) {
  const { language, t } = useI18n();
  const departmentName = (id: string | null) =>
    id === null ? t('queue.unassigned') : (departments.find((d) => d.id === id)?.name[language] ?? id);
  return (
    <section class="queue">
      <p class="queue-controls">
        <label>
          {t('queue.scope')}{' '}
          <select id="queue-scope" value={scopeValue(scope)} onChange={(event) => onScope(parseScope(event.currentTarget.value))}>
            <option value="all">{t('queue.all')}</option>
            <option value="unassigned">{t('queue.unassigned')}</option>
            {departments.map((d) => (
              <option key={d.id} value={`department:${d.id}`}>
                {d.name[language]}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          <input type="checkbox" id="queue-replied" checked={includeReplied} onChange={(event) => onIncludeReplied(event.currentTarget.checked)} />{' '}
          {t('queue.replied')}
        </label>
      </p>
      <p class="muted" data-queue-count={rows.filter((row) => row.sla.state !== 'done').length}>
        {t('queue.count', { n: rows.filter((row) => row.sla.state !== 'done').length })}
      </p>
      {rows.length === 0 ? (
        <p class="muted">{t('queue.empty')}</p>
      ) : (
        <ol class="queue-rows">
          {rows.map(({ triage, sla }) => (
            <li
              key={triage.key}
              data-queue-item={triage.key}
              data-sla={sla.state}
              data-department={triage.departmentId ?? ''}
              class={`queue-row sla-${sla.state}`}
            >
              <div class="queue-head">
                <strong class="sla">{slaText({ triage, sla })}</strong> · <span>{departmentName(triage.departmentId)}</span>
                {triage.flags.map((flag) => (
                  <span class="flag" key={flag}>
                    {' '}
                    · {t(`flag.${flag}`)}
                  </span>
                ))}
              </div>
              <div class="queue-author">
                {triage.item.author.name}
                {triage.item.author.handle ? ` @${triage.item.author.handle.replace(/^@/, '')}` : ''}
              </div>
              <p class="queue-text" lang={triage.item.lang}>
                {triage.item.text}
              </p>
              <button type="button" data-action="open-comment" onClick={() => onOpen(triage.item.permalink)}>
                {t('queue.openComment')}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

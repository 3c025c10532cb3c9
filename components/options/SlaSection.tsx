import { useState } from 'preact/hooks';
import { Holiday, SlaPolicy, type OfficeHours, type OrgConfig, type SlaPolicyInput } from '../../lib/contract/org';
import { useI18n, type MessageKey } from '../../lib/i18n';

export interface SlaSectionProps {
  org: OrgConfig;
  /** Stores the organisation with the new policy (PUT /org/sla when signed in); rejects with the reason it could not. */
  onSave: (org: OrgConfig) => Promise<void>;
}

const DAYS: MessageKey[] = ['sla.policy.day0', 'sla.policy.day1', 'sla.policy.day2', 'sla.policy.day3', 'sla.policy.day4', 'sla.policy.day5', 'sla.policy.day6'];
const DEFAULT_DAY: OfficeHours = { start: '10:00', end: '18:00' };

interface Draft {
  interimHours: string;
  finalHours: string;
  dueSoonMinutes: string;
  timeZone: string;
  clockStartsAt: SlaPolicy['clockStartsAt'];
  officeHoursOn: boolean;
  /** Monday to Sunday: whether the office is open, and its hours (kept while a day is switched off). */
  days: Array<{ open: boolean; start: string; end: string }>;
  holidays: Holiday[];
}

function draftOf(policy: SlaPolicy): Draft {
  return {
    interimHours: String(policy.interimHours),
    finalHours: String(policy.finalHours),
    dueSoonMinutes: String(policy.dueSoonMinutes),
    timeZone: policy.timeZone,
    clockStartsAt: policy.clockStartsAt,
    officeHoursOn: policy.officeHours !== undefined,
    days: Array.from({ length: 7 }, (_, i) => {
      const day = policy.officeHours?.[i];
      return { open: policy.officeHours ? day != null : i < 5, ...(day ?? DEFAULT_DAY) };
    }),
    holidays: policy.holidays,
  };
}

/** An empty field reads as "missing", not as 0. */
const numberOf = (text: string) => (text.trim() === '' ? undefined : Number(text));

function policyOf(draft: Draft): SlaPolicyInput {
  return {
    interimHours: numberOf(draft.interimHours) as number,
    finalHours: numberOf(draft.finalHours) as number,
    dueSoonMinutes: numberOf(draft.dueSoonMinutes) as number,
    timeZone: draft.timeZone.trim(),
    clockStartsAt: draft.clockStartsAt,
    ...(draft.officeHoursOn ? { officeHours: draft.days.map((day) => (day.open ? { start: day.start, end: day.end } : null)) } : {}),
    holidays: draft.holidays,
  };
}

/** zod issues by field path ("officeHours.2.end"), the first message of each. */
function issuesByPath(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, prefix = ''): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const issue of issues) {
    const path = prefix + issue.path.map(String).join('.');
    byPath[path] ??= issue.message;
  }
  return byPath;
}

/**
 * The organisation's reply deadlines (KMC circular 19: interim reply within 2–4 hours, the specific one
 * within 12; BIS: within a day), for an administrator: durations, the warning before a breach, the time
 * zone, where the clock starts, office hours per weekday and holidays. Checked against the same schema
 * the server checks, each problem shown at its field.
 */
export function SlaSection({ org, onSave }: SlaSectionProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(org.sla));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [holiday, setHoliday] = useState({ date: '', name: '' });
  const [status, setStatus] = useState('');

  const change = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const changeDay = (index: number, patch: Partial<Draft['days'][number]>) =>
    setDraft((current) => ({ ...current, days: current.days.map((day, i) => (i === index ? { ...day, ...patch } : day)) }));
  const value = (event: Event) => (event.target as HTMLInputElement).value;
  const error = (path: string) =>
    errors[path] ? (
      <span class="error" data-error-for={path} id={`sla-error-${path}`}>
        {errors[path]}
      </span>
    ) : null;
  const invalid = (path: string) => ({ 'aria-invalid': errors[path] ? true : undefined, 'aria-describedby': errors[path] ? `sla-error-${path}` : undefined });

  const addHoliday = () => {
    const parsed = Holiday.safeParse({ date: holiday.date, name: holiday.name.trim() });
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues, 'holiday.'));
      return;
    }
    setErrors({});
    const holidays = [...draft.holidays.filter((h) => h.date !== parsed.data.date), parsed.data].sort((a, b) => a.date.localeCompare(b.date));
    change({ holidays });
    setHoliday({ date: '', name: '' });
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setStatus('');
    const parsed = SlaPolicy.safeParse(policyOf(draft));
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues));
      setStatus(t('sla.policy.invalid'));
      return;
    }
    setErrors({});
    try {
      await onSave({ ...org, sla: parsed.data });
      setStatus(t('sla.policy.saved'));
    } catch (failure) {
      setStatus(t('sla.policy.saveFailed', { reason: failure instanceof Error ? failure.message : String(failure) }));
    }
  };

  return (
    <section data-section="sla">
      <h2>{t('sla.policy.title')}</h2>
      <p class="muted">{t('sla.policy.hint')}</p>
      <form onSubmit={(event) => void save(event)} noValidate>
        <p>
          <label>
            {t('sla.policy.interimHours')}{' '}
            <input name="interimHours" type="number" min="0" step="0.25" value={draft.interimHours} onInput={(e) => change({ interimHours: value(e) })} {...invalid('interimHours')} />
          </label>{' '}
          {error('interimHours')}
        </p>
        <p>
          <label>
            {t('sla.policy.finalHours')}{' '}
            <input name="finalHours" type="number" min="0" step="0.25" value={draft.finalHours} onInput={(e) => change({ finalHours: value(e) })} {...invalid('finalHours')} />
          </label>{' '}
          {error('finalHours')}
        </p>
        <p>
          <label>
            {t('sla.policy.dueSoonMinutes')}{' '}
            <input name="dueSoonMinutes" type="number" min="0" step="1" value={draft.dueSoonMinutes} onInput={(e) => change({ dueSoonMinutes: value(e) })} {...invalid('dueSoonMinutes')} />
          </label>{' '}
          {error('dueSoonMinutes')}
        </p>
        <p>
          <label>
            {t('sla.policy.timeZone')}{' '}
            <input name="timeZone" value={draft.timeZone} spellcheck={false} onInput={(e) => change({ timeZone: value(e) })} {...invalid('timeZone')} />
          </label>{' '}
          {error('timeZone')}
        </p>
        <p>
          <label>
            {t('sla.policy.clockStartsAt')}{' '}
            <select
              name="clockStartsAt"
              value={draft.clockStartsAt}
              onChange={(e) => change({ clockStartsAt: (e.target as HTMLSelectElement).value as Draft['clockStartsAt'] })}
            >
              <option value="comment">{t('sla.policy.clockComment')}</option>
              <option value="assignment">{t('sla.policy.clockAssignment')}</option>
            </select>
          </label>
        </p>

        <fieldset>
          <legend>
            <label>
              <input
                type="checkbox"
                name="officeHoursOn"
                checked={draft.officeHoursOn}
                onChange={(e) => change({ officeHoursOn: (e.target as HTMLInputElement).checked })}
              />{' '}
              {t('sla.policy.officeHours')}
            </label>
          </legend>
          {error('officeHours')}
          {draft.officeHoursOn && (
            <table>
              <tbody>
                {draft.days.map((day, index) => (
                  <tr key={index} data-weekday={index}>
                    <th scope="row">{t(DAYS[index]!)}</th>
                    <td>
                      <label>
                        <input
                          type="checkbox"
                          name={`officeHours.${index}.open`}
                          checked={day.open}
                          onChange={(e) => changeDay(index, { open: (e.target as HTMLInputElement).checked })}
                        />{' '}
                        {t('sla.policy.open')}
                      </label>
                    </td>
                    <td>
                      <label>
                        {t('sla.policy.from')}{' '}
                        <input
                          type="time"
                          name={`officeHours.${index}.start`}
                          value={day.start}
                          disabled={!day.open}
                          onInput={(e) => changeDay(index, { start: value(e) })}
                          {...invalid(`officeHours.${index}.start`)}
                        />
                      </label>{' '}
                      {error(`officeHours.${index}.start`)}
                    </td>
                    <td>
                      <label>
                        {t('sla.policy.to')}{' '}
                        <input
                          type="time"
                          name={`officeHours.${index}.end`}
                          value={day.end}
                          disabled={!day.open}
                          onInput={(e) => changeDay(index, { end: value(e) })}
                          {...invalid(`officeHours.${index}.end`)}
                        />
                      </label>{' '}
                      {error(`officeHours.${index}.end`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('sla.policy.holidays')}</legend>
          {error('holidays')}
          {draft.holidays.length === 0 ? (
            <p class="muted">{t('sla.policy.noHolidays')}</p>
          ) : (
            <ul class="holidays">
              {draft.holidays.map((entry, index) => (
                <li key={entry.date} data-holiday={entry.date}>
                  {entry.date} — {entry.name}{' '}
                  <button type="button" data-action="remove-holiday" onClick={() => change({ holidays: draft.holidays.filter((h) => h !== entry) })}>
                    {t('sla.policy.removeHoliday')}
                  </button>{' '}
                  {error(`holidays.${index}.date`)}
                  {error(`holidays.${index}.name`)}
                </li>
              ))}
            </ul>
          )}
          <label>
            {t('sla.policy.holidayDate')}{' '}
            <input type="date" name="holidayDate" value={holiday.date} onInput={(e) => setHoliday({ ...holiday, date: value(e) })} {...invalid('holiday.date')} />
          </label>{' '}
          {error('holiday.date')}{' '}
          <label>
            {t('sla.policy.holidayName')}{' '}
            <input name="holidayName" value={holiday.name} onInput={(e) => setHoliday({ ...holiday, name: value(e) })} {...invalid('holiday.name')} />
          </label>{' '}
          {error('holiday.name')}{' '}
          <button type="button" data-action="add-holiday" onClick={addHoliday}>
            {t('sla.policy.addHoliday')}
          </button>
        </fieldset>

        <p>
          <button type="submit" data-action="save-sla">
            {t('sla.policy.save')}
          </button>
        </p>
        {status && (
          <p role="status" data-status="sla">
            {status}
          </p>
        )}
      </form>
    </section>
  );
}

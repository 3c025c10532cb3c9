import { useEffect, useState } from 'preact/hooks';
import type { ManagedUser, Role } from '../../lib/contract/api';
import type { Department } from '../../lib/contract/org';
import { useI18n } from '../../lib/i18n';
import type { ManageUsersRequest, ManageUsersResult } from '../../lib/messaging';

interface Props {
  departments: Department[];
  /** Sends an account action to the team server (through the background); resolves to the users after it. */
  onAction: (request: ManageUsersRequest) => Promise<ManageUsersResult>;
}

const ROLE_CHOICES: Role[] = ['moderator', 'department', 'approver', 'admin'];

/** The team's accounts, for an administrator: add, disable and enable, reset a password, sign out everywhere. */
export function UsersSection({ departments, onAction }: Props) {
  const { t, language } = useI18n();
  const [users, setUsers] = useState<ManagedUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [resetting, setResetting] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [draft, setDraft] = useState({ email: '', name: '', role: 'moderator' as Role, departmentId: '', password: '' });

  const run = async (request: ManageUsersRequest): Promise<boolean> => {
    setBusy(true);
    const result = await onAction(request);
    setBusy(false);
    if (!result.ok) {
      setError(result.error === 'forbidden' ? t('users.forbidden') : t('users.failed', { reason: result.detail }));
      return false;
    }
    setError(null);
    setUsers(result.users);
    return true;
  };
  useEffect(() => void run({ action: 'list' }), []);

  const add = async (event: Event) => {
    event.preventDefault();
    const departmentId = draft.role === 'department' ? draft.departmentId || null : null;
    if (await run({ action: 'add', ...draft, departmentId })) setDraft({ ...draft, email: '', name: '', password: '' });
  };
  const reset = async (event: Event, id: string) => {
    event.preventDefault();
    if (await run({ action: 'reset', id, password: newPassword })) setResetting(null);
    setNewPassword('');
  };
  const departmentName = (id: string | null) => departments.find((d) => d.id === id)?.name[language] ?? id ?? '';

  return (
    <section id="users">
      <h2>{t('users.title')}</h2>
      <p class="muted">{t('users.hint')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {users && (
        <table>
          <thead>
            <tr>
              <th>{t('users.name')}</th>
              <th>{t('server.email')}</th>
              <th>{t('users.role')}</th>
              <th>{t('users.state')}</th>
              <th>{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} data-user={user.email}>
                <td>{user.name}</td>
                <td>{user.email}</td>
                <td>
                  {t(`role.${user.role}`)}
                  {user.departmentId && ` · ${departmentName(user.departmentId)}`}
                </td>
                <td data-state={user.disabled ? 'disabled' : 'active'}>
                  {user.disabled ? t('users.disabled') : t('users.active', { n: user.activeSessions })}
                </td>
                <td>
                  <button
                    type="button"
                    data-action={user.disabled ? 'enable' : 'disable'}
                    disabled={busy}
                    onClick={() => void run({ action: user.disabled ? 'enable' : 'disable', id: user.id })}
                  >
                    {user.disabled ? t('users.enable') : t('users.disable')}
                  </button>{' '}
                  <button type="button" data-action="sign-out" disabled={busy || user.activeSessions === 0} onClick={() => void run({ action: 'signOut', id: user.id })}>
                    {t('users.signOut')}
                  </button>{' '}
                  {resetting === user.id ? (
                    <form class="inline" onSubmit={(event) => void reset(event, user.id)}>
                      <label>
                        {t('users.newPassword')}{' '}
                        <input name="newPassword" type="password" autocomplete="new-password" required minLength={10} value={newPassword} onInput={(e) => setNewPassword(e.currentTarget.value)} />
                      </label>{' '}
                      <button type="submit" data-action="save-password" disabled={busy}>
                        {t('users.savePassword')}
                      </button>
                    </form>
                  ) : (
                    <button type="button" data-action="reset" disabled={busy} onClick={() => setResetting(user.id)}>
                      {t('users.reset')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={add} data-form="add-user">
        <h3>{t('users.add')}</h3>
        <p>
          <label>
            {t('users.name')} <input name="name" required value={draft.name} onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
          </label>{' '}
          <label>
            {t('server.email')}{' '}
            <input name="email" type="email" required value={draft.email} onInput={(e) => setDraft({ ...draft, email: e.currentTarget.value })} />
          </label>
        </p>
        <p>
          <label>
            {t('users.role')}{' '}
            <select name="role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value as Role })}>
              {ROLE_CHOICES.map((role) => (
                <option value={role}>{t(`role.${role}`)}</option>
              ))}
            </select>
          </label>{' '}
          {draft.role === 'department' && (
            <label>
              {t('users.department')}{' '}
              <select name="departmentId" required value={draft.departmentId} onChange={(e) => setDraft({ ...draft, departmentId: e.currentTarget.value })}>
                <option value="">—</option>
                {departments.map((d) => (
                  <option value={d.id}>{d.name[language]}</option>
                ))}
              </select>
            </label>
          )}
        </p>
        <p>
          <label>
            {t('users.initialPassword')}{' '}
            <input
              name="password"
              type="password"
              autocomplete="new-password"
              required
              minLength={10}
              value={draft.password}
              onInput={(e) => setDraft({ ...draft, password: e.currentTarget.value })}
            />
          </label>
        </p>
        <button type="submit" data-action="add-user" disabled={busy}>
          {t('users.addButton')}
        </button>
      </form>
    </section>
  );
}

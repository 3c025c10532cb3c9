import { useEffect, useMemo, useState } from 'preact/hooks';
import type { OrgConfig } from '../../lib/contract/org';
import { createTranslator, I18nContext, useI18n, type UiLanguage } from '../../lib/i18n';
import { DashboardApi, forgetSession, reasonOf, signIn, storedSession, type ReportFilters, type Session } from './api';
import { AdminView } from './Admin';
import { ItemsView } from './Items';
import { Overview } from './Overview';
import { SignIn } from './SignIn';

type Theme = 'auto' | 'light' | 'dark';
type View = 'overview' | 'items' | 'admin';

// Display preferences only (nothing internal): kept across visits in this origin's localStorage.
const readPreference = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
  const value = localStorage.getItem(key);
  return allowed.includes(value as T) ? (value as T) : fallback;
};

/** The previous calendar month: "did we meet the deadlines last month". */
function lastMonth(now = new Date()): { from: string; to: string } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

export function App() {
  const [language, setLanguage] = useState<UiLanguage>(() =>
    readPreference('samvad.dashboard.language', ['en', 'hi'] as const, navigator.language.toLowerCase().startsWith('hi') ? 'hi' : 'en'),
  );
  const [theme, setTheme] = useState<Theme>(() => readPreference('samvad.dashboard.theme', ['auto', 'light', 'dark'] as const, 'auto'));
  const t = useMemo(() => createTranslator(language), [language]);
  const [session, setSession] = useState<Session | null>(storedSession);
  const [org, setOrg] = useState<OrgConfig | null>(null);
  const [view, setView] = useState<View>('overview');
  const [filters, setFilters] = useState<ReportFilters>(() => ({ ...lastMonth(), department: '', platform: '' }));
  const [openItem, setOpenItem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('dashboard.title');
    localStorage.setItem('samvad.dashboard.language', language);
  }, [language]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('samvad.dashboard.theme', theme);
  }, [theme]);

  const signOutHere = () => {
    forgetSession();
    setSession(null);
    setOrg(null);
  };
  const api = useMemo(() => (session ? new DashboardApi(session, signOutHere) : null), [session]);

  useEffect(() => {
    if (!api) return;
    api.org().then(
      (answer) => {
        setOrg(answer.org);
        // A One-Point Contact's dashboard is their department's.
        if (api.session.user.role === 'department') setFilters((f) => ({ ...f, department: api.session.user.departmentId ?? '' }));
      },
      async (error: unknown) => setProblem(t('dashboard.failed', { reason: await reasonOf(error) })),
    );
  }, [api]);

  const onSignIn = async (email: string, password: string): Promise<string | null> => {
    try {
      setSession(await signIn(email, password));
      setProblem(null);
      return null;
    } catch (error) {
      return t('dashboard.signInFailed', { reason: await reasonOf(error) });
    }
  };

  const user = session?.user;
  return (
    <I18nContext.Provider value={{ language, t }}>
      <header class="bar">
        <h1>{t('dashboard.title')}</h1>
        <label>
          {t('options.language')}{' '}
          <select name="language" value={language} onChange={(e) => setLanguage(e.currentTarget.value as UiLanguage)}>
            <option value="en">{t('options.languageEn')}</option>
            <option value="hi">{t('options.languageHi')}</option>
          </select>
        </label>
        <label>
          {t('dashboard.theme')}{' '}
          <select name="theme" value={theme} onChange={(e) => setTheme(e.currentTarget.value as Theme)}>
            <option value="auto">{t('dashboard.themeAuto')}</option>
            <option value="light">{t('dashboard.themeLight')}</option>
            <option value="dark">{t('dashboard.themeDark')}</option>
          </select>
        </label>
        {user && api && (
          <span class="who">
            <span data-signed-in={user.email}>{t('dashboard.signedInAs', { name: user.name, role: t(`role.${user.role}`) })}</span>{' '}
            <button type="button" data-action="sign-out" onClick={() => void api.signOut().then(signOutHere)}>
              {t('server.signOut')}
            </button>
          </span>
        )}
      </header>
      {!session || !api ? (
        <SignIn onSignIn={onSignIn} />
      ) : (
        <main>
          {problem && (
            <p class="error" role="alert">
              {problem}
            </p>
          )}
          <nav class="tabs">
            {(['overview', 'items', 'admin'] as const).map((name) => (
              <button type="button" data-view={name} aria-pressed={view === name} onClick={() => (setView(name), setOpenItem(null))}>
                {t(name === 'overview' ? 'dashboard.navOverview' : name === 'items' ? 'dashboard.navItems' : 'dashboard.navAdmin')}
              </button>
            ))}
          </nav>
          {org && view !== 'admin' && <Filters org={org} value={filters} locked={user?.role === 'department'} onChange={setFilters} api={api} />}
          {org && view === 'overview' && <Overview api={api} org={org} filters={filters} />}
          {org && view === 'items' && <ItemsView api={api} org={org} filters={filters} openItem={openItem} onOpen={setOpenItem} />}
          {org && view === 'admin' && <AdminView api={api} org={org} onOrg={setOrg} />}
        </main>
      )}
    </I18nContext.Provider>
  );
}

function Filters({ org, value, locked, onChange, api }: { org: OrgConfig; value: ReportFilters; locked: boolean; onChange: (f: ReportFilters) => void; api: DashboardApi }) {
  const { language, t } = useI18n();
  const departments = locked ? org.departments.filter((d) => d.id === value.department) : org.departments;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const download = async (path: 'reports/items.csv' | 'reports/audit.csv') => {
    setBusy(true);
    try {
      await api.download(path, value);
      setProblem(null);
    } catch (error) {
      setProblem(t('dashboard.failed', { reason: await reasonOf(error) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('dashboard.department')}{' '}
        <select name="department" value={value.department} disabled={locked} onChange={(e) => onChange({ ...value, department: e.currentTarget.value })}>
          {!locked && <option value="">{t('dashboard.allDepartments')}</option>}
          {departments.map((d) => (
            <option value={d.id}>{d.name[language]}</option>
          ))}
        </select>
      </label>
      <label>
        {t('dashboard.platform')}{' '}
        <select name="platform" value={value.platform} onChange={(e) => onChange({ ...value, platform: e.currentTarget.value })}>
          <option value="">{t('dashboard.allPlatforms')}</option>
          <option value="x">{t('dashboard.platformX')}</option>
          <option value="facebook">{t('dashboard.platformFacebook')}</option>
        </select>
      </label>
      <label>
        {t('dashboard.from')}{' '}
        <input name="from" type="date" value={value.from} max={value.to} required onChange={(e) => e.currentTarget.value && onChange({ ...value, from: e.currentTarget.value })} />
      </label>
      <label>
        {t('dashboard.to')}{' '}
        <input name="to" type="date" value={value.to} min={value.from} required onChange={(e) => e.currentTarget.value && onChange({ ...value, to: e.currentTarget.value })} />
      </label>
      <span class="exports">
        <a
          href="/reports/items.csv"
          data-action="export-items-csv"
          aria-disabled={busy ? 'true' : undefined}
          onClick={(e) => {
            e.preventDefault();
            void download('reports/items.csv');
          }}
        >
          {t('dashboard.exportItems')}
        </a>{' '}
        <a
          href="/reports/audit.csv"
          data-action="export-audit-csv"
          aria-disabled={busy ? 'true' : undefined}
          onClick={(e) => {
            e.preventDefault();
            void download('reports/audit.csv');
          }}
        >
          {t('dashboard.exportAudit')}
        </a>
      </span>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

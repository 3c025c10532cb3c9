import { HTTPError } from 'ky';
import { AdminSections } from '../../components/options/AdminSections';
import { manageUsersOn, saveOrgSections, type AdminSource } from '../../lib/admin/source';
import type { OrgConfig } from '../../lib/contract/org';
import { useI18n } from '../../lib/i18n';
import { downloadTextFile } from '../../lib/pages/download';
import { reasonOf, type DashboardApi } from './api';

/** The options page's administration sections, reading and writing the team server with fetch. */
export function AdminView({ api, org, onOrg }: { api: DashboardApi; org: OrgConfig; onOrg: (org: OrgConfig) => void }) {
  const { t } = useI18n();
  const isAdmin = api.session.user.role === 'admin';
  const source: AdminSource = {
    async saveOrg(next) {
      try {
        onOrg((await saveOrgSections(api.http, next, org)).org);
      } catch (error) {
        if (error instanceof HTTPError && error.response.status === 403) throw new Error(t('org.saveForbidden'));
        throw new Error(await reasonOf(error));
      }
    },
    async manageUsers(request) {
      try {
        return { ok: true, users: await manageUsersOn(api.http, request) };
      } catch (error) {
        const forbidden = error instanceof HTTPError && error.response.status === 403;
        return { ok: false, error: forbidden ? 'forbidden' : 'failed', detail: await reasonOf(error) };
      }
    },
  };
  const download = (json: string) => downloadTextFile('samvad-canned-replies.json', json);
  return (
    <section class="admin">
      {!isAdmin && <p class="muted">{t('dashboard.adminOnly')}</p>}
      <AdminSections org={org} source={source} isAdmin={isAdmin} editable={isAdmin} usersKey={api.session.user.id} onExportCanned={download} />
    </section>
  );
}

import type { OrgConfig } from '../../lib/contract/org';
import type { AdminSource } from '../../lib/admin/source';
import { ApprovalsSection } from './ApprovalsSection';
import { CannedRepliesSection } from './CannedRepliesSection';
import { DepartmentsSection } from './DepartmentsSection';
import { RetentionSection } from './RetentionSection';
import { RulePacksSection } from './RulePacksSection';
import { SlaSection } from './SlaSection';
import { UsersSection } from './UsersSection';

export interface AdminSectionsProps {
  org: OrgConfig;
  source: AdminSource;
  /** Signed in to the team server as an administrator: users are managed, the organisation edited there. */
  isAdmin: boolean;
  /** Whether the organisation may be edited here (the options page: also this browser's own copy when signed out). */
  editable: boolean;
  /** Key that remounts the users list (a new server or user). */
  usersKey?: string;
  onExportCanned: (json: string) => void;
}

/**
 * The administration sections, one list for both places that show them: the extension's options page
 * and the team server's dashboard. A new section (SLA policy, approval policy, …) is added here once
 * and reads and writes through `source`.
 */
export function AdminSections({ org, source, isAdmin, editable, usersKey, onExportCanned }: AdminSectionsProps) {
  const saveOrg = source.saveOrg;
  return (
    <>
      {isAdmin && <UsersSection key={usersKey} departments={org.departments} onAction={(request) => source.manageUsers(request)} />}
      <DepartmentsSection org={org} editable={editable} onSave={(departments) => saveOrg({ ...org, departments })} />
      {editable && <CannedRepliesSection org={org} onSave={(cannedReplies) => saveOrg({ ...org, cannedReplies })} onExport={onExportCanned} />}
      {editable && <SlaSection org={org} onSave={saveOrg} />}
      {editable && <ApprovalsSection key={JSON.stringify(org.approvals)} org={org} onSave={saveOrg} />}
      {editable && <RulePacksSection org={org} onSave={saveOrg} />}
      {isAdmin && <RetentionSection org={org} onSave={(retention) => saveOrg({ ...org, retention })} />}
    </>
  );
}

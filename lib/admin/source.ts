import type { KyInstance } from 'ky';
import { OrgResponse, UsersResponse, type ManagedUser } from '../contract/api';
import type { OrgConfig } from '../contract/org';
import type { ManageUsersRequest, ManageUsersResult } from '../messaging';

/**
 * Where the administration sections (components/options: users, departments, SLA, approvals, canned
 * replies, rule packs) read and write: the extension's options page implements it with messages to the
 * background (which talks to the team server), the server's dashboard with fetch. The sections are the
 * same components in both; a new section takes what it needs from here (e.g. `saveOrg` with its part
 * of the organisation changed) and is listed once in AdminSections.
 */
export interface AdminSource {
  /** Account actions (admins on the team server); resolves to the users after the action, or why not. */
  manageUsers(request: ManageUsersRequest): Promise<ManageUsersResult>;
  /** Stores the changed organisation config; rejects with an Error whose message is shown (translated). */
  saveOrg(next: OrgConfig): Promise<void>;
}

/** The server paths of the organisation's sections, as PUT /org/<path> {<field>: …} takes them. */
const ORG_SECTIONS: Array<[keyof OrgConfig, string]> = [
  ['departments', 'org/departments'],
  ['sla', 'org/sla'],
  ['handles', 'org/handles'],
  ['approvals', 'org/approvals'],
  ['cannedReplies', 'org/canned-replies'],
  ['rulePacks', 'org/rule-packs'],
  ['retention', 'org/retention'],
];

/** Sends the sections of `next` that differ from `current` to the team server; answers the stored organisation. */
export async function saveOrgSections(api: KyInstance, next: OrgConfig, current: OrgConfig): Promise<OrgResponse> {
  for (const [field, path] of ORG_SECTIONS) {
    if (JSON.stringify(next[field]) === JSON.stringify(current[field])) continue;
    const empty = field === 'retention' ? null : [];
    await api.put(path, { json: { [field]: next[field] ?? empty }, retry: 0 });
  }
  return OrgResponse.parse(await api.get('org').json());
}

/** An account action on the team server, then the users as they are after it. */
export async function manageUsersOn(api: KyInstance, request: ManageUsersRequest): Promise<ManagedUser[]> {
  const options = { retry: 0 };
  if (request.action === 'add') {
    const { action: _, ...user } = request;
    await api.post('users', { ...options, json: user });
  } else if (request.action === 'reset') {
    await api.post(`users/${encodeURIComponent(request.id)}/password`, { ...options, json: { password: request.password } });
  } else if (request.action !== 'list') {
    const path = { disable: 'disable', enable: 'enable', signOut: 'sign-out' }[request.action];
    await api.post(`users/${encodeURIComponent(request.id)}/${path}`, options);
  }
  return UsersResponse.parse(await api.get('users').json()).users;
}

export type { ManageUsersResult };

import { eq, sql } from 'drizzle-orm';
import type { OrgResponse } from '../../lib/contract/api';
import { describeIssues, OrgConfig } from '../../lib/contract/org';
import type { Db } from '../db/connect';
import { auditEvents, orgConfig, syncState } from '../db/schema';
import { notifyPoke } from './sync';

export async function getOrg(db: Db): Promise<OrgResponse> {
  const [row] = await db.select().from(orgConfig).where(eq(orgConfig.id, 1));
  if (!row) throw new Error('database not initialised (org_config row missing)');
  return { org: row.config, orgVersion: row.version, updatedAt: row.updatedAt.toISOString() };
}

export class OrgValidationError extends Error {
  readonly statusCode = 400;
  constructor(readonly problems: string[]) {
    super(`the organisation would be invalid: ${problems.join('; ')}`);
    this.name = 'OrgValidationError';
  }
}

/**
 * Replaces one section of the organisation config, re-validating the whole (e.g. department ids
 * stay unique), bumps its version and pokes every client so they refetch.
 */
export async function updateOrg(db: Db, section: Partial<OrgConfig>, userId: string): Promise<OrgResponse> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(orgConfig).where(eq(orgConfig.id, 1)).for('update');
    if (!row) throw new Error('database not initialised (org_config row missing)');
    const parsed = OrgConfig.safeParse({ ...row.config, ...section });
    if (!parsed.success) throw new OrgValidationError(describeIssues(parsed.error));
    const [updated] = await tx
      .update(orgConfig)
      .set({ config: parsed.data, version: sql`${orgConfig.version} + 1`, updatedAt: new Date(), updatedBy: userId })
      .where(eq(orgConfig.id, 1))
      .returning();
    const [state] = await tx.select({ version: syncState.version }).from(syncState).where(eq(syncState.id, 1));
    if (!updated || !state) throw new Error('database not initialised');
    await tx.insert(auditEvents).values({ kind: 'org_update', userId, detail: { sections: Object.keys(section) } });
    await notifyPoke(tx, { version: state.version, orgVersion: updated.version });
    return { org: updated.config, orgVersion: updated.version, updatedAt: updated.updatedAt.toISOString() };
  });
}

import { describe, expect, it } from 'vitest';
import { OrgConfigError, parseOrgConfig } from '../../../lib/contract/org';
import { DEMO_ORG } from '../../../lib/org/demo-org';

function problemsOf(input: unknown): string[] {
  try {
    parseOrgConfig(input);
  } catch (error) {
    if (error instanceof OrgConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('organisation config', () => {
  it('ships the BIS demo team with a One-Point Contact per department', () => {
    expect(DEMO_ORG.departments.map((d) => d.name.en)).toEqual([
      'Standardisation', 'Consumer Affairs', 'Certification', 'MSCD', 'NITS', 'Laboratory', 'Hallmarking',
      'International Relations', 'Public Relations',
    ]);
    for (const d of DEMO_ORG.departments) expect(d.contact.email).toMatch(/@/);
  });

  it('names the field of a bad contact e-mail', () => {
    const org = structuredClone(DEMO_ORG);
    org.departments[2]!.contact.email = 'not-an-email';
    expect(problemsOf(org)).toEqual([expect.stringMatching(/^departments\.2\.contact\.email: /)]);
  });

  it('names a missing Hindi department name', () => {
    const org = structuredClone(DEMO_ORG) as { departments: Array<{ name: Record<string, unknown> }> };
    delete org.departments[0]!.name.hi;
    expect(problemsOf(org)).toEqual(['departments.0.name.hi: Invalid input: expected string, received undefined']);
  });

  it('names a duplicate department id', () => {
    const org = structuredClone(DEMO_ORG);
    org.departments[1]!.id = org.departments[0]!.id;
    expect(problemsOf(org)).toEqual(['departments.1.id: duplicate department id "standardisation"']);
  });

  it('rejects a final deadline shorter than the interim one', () => {
    expect(problemsOf({ ...DEMO_ORG, sla: { interimHours: 6, finalHours: 4, dueSoonMinutes: 30 } })).toEqual([
      'sla.finalHours: finalHours must not be shorter than interimHours',
    ]);
  });

  it('requires at least one department', () => {
    expect(problemsOf({ ...DEMO_ORG, departments: [] })).toEqual(['departments: at least one department']);
  });
});

import { z } from './zod';

/** Text in the UI languages. Hindi is required: the Department of Posts asks for local languages. */
export const LocalisedText = z.object({
  en: z.string().check(z.minLength(1), z.maxLength(500)),
  hi: z.string().check(z.minLength(1), z.maxLength(500)),
});
export type LocalisedText = z.infer<typeof LocalisedText>;

/** KMC circular 19 of 2020-21: one "One-Point Contact" per department (name, designation, mobile, e-mail). */
export const OnePointContact = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  designation: z.string().check(z.minLength(1), z.maxLength(200)),
  mobile: z.string().check(z.regex(/^\+?[0-9 -]{8,16}$/, 'a phone number of 8–16 digits')),
  email: z.email(),
});
export type OnePointContact = z.infer<typeof OnePointContact>;

export const DepartmentId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'), z.maxLength(64));

/**
 * BIS circular: comments go to the Activity Head of the concerned department, who approves the
 * response; the department head approves when the Activity Head is unavailable (the delegate).
 */
export const Department = z.object({
  id: DepartmentId,
  name: LocalisedText,
  contact: OnePointContact,
  approver: z.optional(z.email()),
  delegate: z.optional(z.email()),
});
export type Department = z.infer<typeof Department>;

/** KMC circular: interim reply within 2–4 hours, specific reply within 12 hours. */
export const SlaPolicy = z
  .object({
    interimHours: z.number().check(z.positive(), z.maximum(72)),
    finalHours: z.number().check(z.positive(), z.maximum(720)),
    /** How long before a deadline the badge turns to "due soon". */
    dueSoonMinutes: z.int().check(z.nonnegative(), z.maximum(24 * 60)),
  })
  .check(
    z.refine((p) => p.finalHours >= p.interimHours, {
      message: 'finalHours must not be shorter than interimHours',
      path: ['finalHours'],
    }),
  );
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const DEFAULT_SLA_POLICY: SlaPolicy = { interimHours: 4, finalHours: 12, dueSoonMinutes: 30 };

export const OrgHandles = z.object({
  x: z._default(z.array(z.string().check(z.regex(/^@?[A-Za-z0-9_]{1,15}$/))).check(z.maxLength(100)), []),
  facebook: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.maxLength(100)), []),
});

/**
 * A canned reply or rule pack as the organisation stores it: the features that use them own the full
 * schema; the org config only requires an id and keeps every other field as given.
 */
export const OrgBlob = z.looseObject({ id: z.string().check(z.minLength(1), z.maxLength(200)) });
export type OrgBlob = z.infer<typeof OrgBlob>;

/**
 * The organisation's configuration: the same shape is bundled as the demo organisation and served
 * by the team server (GET /org). Fields added by later features (canned replies, rule packs) are
 * optional here so every stored copy stays readable.
 */
export const OrgConfig = z
  .object({
    id: z.string().check(z.minLength(1)),
    name: LocalisedText,
    departments: z.array(Department).check(z.minLength(1, 'at least one department'), z.maxLength(500)),
    sla: z._default(SlaPolicy, DEFAULT_SLA_POLICY),
    handles: z._default(OrgHandles, { x: [], facebook: [] }),
    cannedReplies: z.optional(z.array(OrgBlob)),
    rulePacks: z.optional(z.array(OrgBlob)),
  })
  .check(
    z.superRefine((org, ctx) => {
      const seen = new Set<string>();
      org.departments.forEach((d, i) => {
        if (seen.has(d.id)) {
          ctx.addIssue({ code: 'custom', message: `duplicate department id "${d.id}"`, path: ['departments', i, 'id'] });
        }
        seen.add(d.id);
      });
    }),
  );
export type OrgConfig = z.infer<typeof OrgConfig>;

/** Formats zod issues as "path.to.field: message" lines, so a bad config names the field. */
export function describeIssues(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
}

export class OrgConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid organisation config:\n${problems.join('\n')}`);
    this.name = 'OrgConfigError';
  }
}

export function parseOrgConfig(input: unknown): OrgConfig {
  const result = OrgConfig.safeParse(input);
  if (!result.success) throw new OrgConfigError(describeIssues(result.error));
  return result.data;
}

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

const ClockTime = z.string().check(z.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time as HH:MM (24-hour)'));

/** One weekday's office hours, local to the policy's time zone. */
export const OfficeHours = z
  .object({ start: ClockTime, end: ClockTime })
  .check(z.refine((h) => h.start < h.end, { message: 'end must be after start', path: ['end'] }));
export type OfficeHours = z.infer<typeof OfficeHours>;

export const Holiday = z.object({
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type Holiday = z.infer<typeof Holiday>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * KMC circular 19: interim reply within 2–4 hours, specific reply within 12 hours; BIS: within a day.
 * The server computes each item's two due times from this (lib/triage/due.ts) and stores them.
 */
export const SlaPolicy = z
  .object({
    /** Hours to the interim reply and to the final (specific) one, both counted from the clock's start. */
    interimHours: z.number().check(z.positive(), z.maximum(72)),
    finalHours: z.number().check(z.positive(), z.maximum(720)),
    /** How long before a deadline the badge turns to "due soon" (and the department is told). */
    dueSoonMinutes: z.int().check(z.nonnegative(), z.maximum(24 * 60)),
    /** IANA time zone of the office hours and holidays. */
    timeZone: z._default(z.string().check(z.refine(isTimeZone, 'not a known time zone (e.g. Asia/Kolkata)')), 'Asia/Kolkata'),
    /** Where the clock starts: at the comment's time on the platform, or when it is assigned to a department. */
    clockStartsAt: z._default(z.enum(['comment', 'assignment']), 'comment'),
    /**
     * Office hours Monday (index 0) to Sunday (6), null for a day off; absent: the clock runs 24×7.
     * With office hours, the durations are counted in office time only.
     */
    officeHours: z.optional(z.array(z.nullable(OfficeHours)).check(z.length(7, 'seven days, Monday to Sunday'))),
    /** Days the office is closed (national and the state's holidays): no office time passes on them. */
    holidays: z._default(z.array(Holiday).check(z.maxLength(1000)), []),
  })
  .check(
    z.refine((p) => p.finalHours >= p.interimHours, {
      message: 'finalHours must not be shorter than interimHours',
      path: ['finalHours'],
    }),
    z.refine((p) => !p.officeHours || p.officeHours.some((day) => day !== null), {
      message: 'at least one working day',
      path: ['officeHours'],
    }),
  );
export type SlaPolicy = z.infer<typeof SlaPolicy>;
export type SlaPolicyInput = z.input<typeof SlaPolicy>;

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  interimHours: 4,
  finalHours: 12,
  dueSoonMinutes: 30,
  timeZone: 'Asia/Kolkata',
  clockStartsAt: 'comment',
  holidays: [],
};

/**
 * Which replies need an approver's release (BIS and KMC circulars), and how long an approval holds.
 * A reply needs approval when `all` is set, its item carries one of `flags`, belongs to one of
 * `departments`, or (with `blockFindings`) its draft has a `block` guideline finding.
 */
export const ApprovalPolicy = z.object({
  all: z._default(z.boolean(), false),
  flags: z._default(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(50)), []),
  departments: z._default(z.array(DepartmentId).check(z.maxLength(500)), []),
  blockFindings: z._default(z.boolean(), false),
  /** Minutes an approval stays valid after it is given. */
  expiresMinutes: z._default(z.int().check(z.positive(), z.maximum(30 * 24 * 60)), 24 * 60),
});
export type ApprovalPolicy = z.infer<typeof ApprovalPolicy>;

/** DESIGN.md, "Approvals and the post gate": the demo organisation's policy. */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  all: false,
  flags: ['sub_judice', 'confidential', 'needs_escalation'],
  departments: [],
  blockFindings: true,
  expiresMinutes: 24 * 60,
};

export const RetentionPolicy = z.object({
  removeAfterDays: z.int().check(z.minimum(30, 'at least 30 days'), z.maximum(36_500)),
});
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

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
    approvals: z._default(ApprovalPolicy, DEFAULT_APPROVAL_POLICY),
    cannedReplies: z.optional(z.array(OrgBlob)),
    rulePacks: z.optional(z.array(OrgBlob)),
    /**
     * MeitY framework (data retention and archiving): the server (daily, server/plugins/retention.ts) and
     * `samvad retention --out FILE` archive, then remove, items nobody changed for this many days, with
     * their audit events; absent: everything is kept.
     */
    retention: z.optional(RetentionPolicy),
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
      org.approvals.departments.forEach((id, i) => {
        if (!seen.has(id)) ctx.addIssue({ code: 'custom', message: `unknown department "${id}"`, path: ['approvals', 'departments', i] });
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

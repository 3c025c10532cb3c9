import type { SlaPolicy } from '../contract/org';
import type { DueTimes, Reply, Triage } from '../contract/triage';

/** What of an item its deadlines depend on. */
export type ClockInputs = Pick<Triage, 'work' | 'assignedAt' | 'replies' | 'status' | 'flags'> & { item: Pick<Triage['item'], 'createdAt'> };

const HOUR = 3_600_000;
/**
 * Calendar days looked ahead for office time (about 110 years). Only a perverse policy (a minute a week
 * against 720 hours) runs out: its deadlines then stop there rather than fail the push that stamps them.
 */
const MAX_DAYS = 40_000;

/**
 * The item's two deadlines under the policy (DESIGN.md, "The two clocks, on the server's time"), or
 * undefined while it has no clock: it is not the team's work (`work` unset), or the clock starts at
 * assignment and it is not assigned yet.
 *
 * The clock starts at the comment's time on the platform (`item.createdAt`) or at assignment
 * (`assignedAt`); with office hours it starts at the next office opening (a comment at night or on a
 * holiday) and `clockStart` says when. Both durations count from that start, in office time when
 * `officeHours` is set (per weekday, in `timeZone`, holidays skipped), else around the clock.
 *
 * Both deadlines stay once their stage is settled: whether a reply came in time is a fact the reports
 * count. What shows a clock asks settledStages whether a stage still runs.
 */
export function dueTimes(triage: ClockInputs, policy: SlaPolicy): DueTimes | undefined {
  if (triage.work === undefined) return undefined;
  const startText = policy.clockStartsAt === 'assignment' ? triage.assignedAt : triage.item.createdAt;
  if (startText === undefined) return undefined;
  const start = Date.parse(startText);
  if (Number.isNaN(start)) return undefined;
  const [clockStart, interimAt, finalAt] = workingInstants(start, [0, policy.interimHours * HOUR, policy.finalHours * HOUR], policy);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    clockStart: iso(clockStart!),
    interimAt: iso(interimAt!),
    finalAt: iso(finalAt!),
  };
}

/** Proof of posting: seen under the item or marked with its link. Replies stored before proof of posting carry no source: posted from the composer. */
const isProven = (reply: Reply) => reply.source === 'seen' || reply.source === 'manual';

/**
 * When the first proven reply came, of any stage (the interim deadline's) and of the final stage: the
 * site's time when seen, else when it was recorded; null when none. Replies are kept in the order
 * recorded. The reports count these (stored on the items row by every write of the triage).
 */
export function provenReplyTimes(replies: readonly Reply[]): { firstReplyAt: string | null; finalReplyAt: string | null } {
  const timeOf = (reply: Reply | undefined) => (reply ? (reply.postedAt ?? reply.at) : null);
  const proven = replies.filter(isProven);
  return { firstReplyAt: timeOf(proven[0]), finalReplyAt: timeOf(proven.find((reply) => reply.stage === 'final')) };
}

/**
 * Which stages' clocks have stopped: a reply seen on the page or marked with its link settles the
 * interim stage (one posted from the composer only, not yet seen, does not); a seen or marked final
 * reply, a replied or closed status, or the spam flag settles both.
 */
export function settledStages(triage: Pick<Triage, 'replies' | 'status' | 'flags'>): { interimSettled: boolean; finalSettled: boolean } {
  const proven = triage.replies.filter(isProven);
  const finalSettled =
    triage.status === 'closed' || triage.status === 'replied' || triage.flags.includes('spam') || proven.some((r) => r.stage === 'final');
  return { interimSettled: finalSettled || proven.length > 0, finalSettled };
}

/**
 * The instant `ms` of working time after `from`: plain addition around the clock; with office hours,
 * only the time inside each day's office hours counts (days off and holidays count nothing). With
 * `ms` 0 it is the first working instant at or after `from`.
 */
export function addWorkingTime(from: number, ms: number, policy: SlaPolicy): number {
  return workingInstants(from, [ms], policy)[0]!;
}

/** addWorkingTime for several amounts (ascending) in one walk over the calendar. */
function workingInstants(from: number, amounts: readonly number[], policy: SlaPolicy): number[] {
  if (!policy.officeHours) return amounts.map((ms) => from + ms);
  const found: number[] = [];
  let spent = 0;
  const first = civilDay(from, policy.timeZone);
  for (let day = first; day < first + MAX_DAYS; day++) {
    const interval = officeDay(policy, day);
    if (!interval) continue;
    const [open, close] = interval;
    const begin = Math.max(open, from);
    if (begin > close) continue;
    while (found.length < amounts.length && amounts[found.length]! - spent <= close - begin) {
      found.push(begin + amounts[found.length]! - spent);
    }
    if (found.length === amounts.length) return found;
    spent += close - begin;
  }
  const horizon = (first + MAX_DAYS) * DAY;
  while (found.length < amounts.length) found.push(horizon);
  return found;
}

// ---- Calendar arithmetic in the policy's time zone. Days are counted as whole days since 1970-01-01
// (of the calendar, not of UTC); every wall time converts on its own day, so a change of daylight-saving
// time moves only the days it falls on.

const DAY = 86_400_000;
// Zones change their offset on a quarter hour at the finest: the date of each quarter hour is read once.
const QUARTER_HOUR = 15 * 60_000;
const dayCache = new Map<string, Map<number, number>>();

/** The calendar day (days since 1970-01-01) an instant falls on in a zone. */
function civilDay(ms: number, timeZone: string): number {
  let zone = dayCache.get(timeZone);
  if (!zone) dayCache.set(timeZone, (zone = new Map()));
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let day = zone.get(quarter);
  if (day === undefined) {
    const w = wallClock(ms, timeZone);
    day = Date.UTC(w.year, w.month - 1, w.day) / DAY;
    if (zone.size > 200_000) zone.clear();
    zone.set(quarter, day);
  }
  return day;
}

/** YYYY-MM-DD of a calendar day (the form holidays are written in). */
function dateText(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/**
 * A policy's office hours on a calendar day as instants, or null for a day off or a holiday. Office days
 * repeat across items (100,000 items fall on a few dozen days): each is worked out once per policy.
 */
const officeDays = new WeakMap<SlaPolicy, { holidays: Set<string>; days: Map<number, [number, number] | null> }>();

function officeDay(policy: SlaPolicy, day: number): [number, number] | null {
  let calendar = officeDays.get(policy);
  if (!calendar) officeDays.set(policy, (calendar = { holidays: new Set(policy.holidays.map((h) => h.date)), days: new Map() }));
  let interval = calendar.days.get(day);
  if (interval === undefined) {
    // 1970-01-01 was a Thursday: Monday is index 0 of the policy's week.
    const hours = policy.officeHours?.[(day + 3) % 7];
    const date = dateText(day);
    interval = hours && !calendar.holidays.has(date) ? [zonedInstant(date, hours.start, policy.timeZone), zonedInstant(date, hours.end, policy.timeZone)] : null;
    calendar.days.set(day, interval);
  }
  return interval;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(ms: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return { year: fields.year!, month: fields.month!, day: fields.day!, hour: fields.hour!, minute: fields.minute!, second: fields.second! };
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant a wall-clock time on a date has in a zone (a time skipped by DST moves forward with it). */
function zonedInstant(date: string, time: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  const guess = asUtc - offsetAt(asUtc, timeZone);
  return asUtc - offsetAt(guess, timeZone);
}

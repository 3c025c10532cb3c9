import type { SlaPolicy } from '../contract/org';
import type { DueTimes, Triage } from '../contract/triage';

/** What of an item its deadlines depend on. */
export type ClockInputs = Pick<Triage, 'work' | 'assignedAt' | 'replies' | 'status' | 'flags'> & { item: Pick<Triage['item'], 'createdAt'> };

const HOUR = 3_600_000;
/** Days looked ahead for office time: a year of holidays over a one-day week still ends well within. */
const MAX_DAYS = 4_000;

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
 * A stage's time is null once it needs no deadline: a reply seen on the page or marked with its link
 * settles the interim stage (one posted from the composer only, not yet seen, does not); a seen or
 * marked final reply, a replied or closed status, or the spam flag settles both.
 */
export function dueTimes(triage: ClockInputs, policy: SlaPolicy): DueTimes | undefined {
  if (triage.work === undefined) return undefined;
  const startText = policy.clockStartsAt === 'assignment' ? triage.assignedAt : triage.item.createdAt;
  if (startText === undefined) return undefined;
  const start = Date.parse(startText);
  if (Number.isNaN(start)) return undefined;
  const { interimSettled, finalSettled } = settledStages(triage);
  const clockStart = addWorkingTime(start, 0, policy);
  const at = (hours: number) => new Date(addWorkingTime(clockStart, hours * HOUR, policy)).toISOString();
  return {
    clockStart: new Date(clockStart).toISOString(),
    interimAt: interimSettled || finalSettled ? null : at(policy.interimHours),
    finalAt: finalSettled ? null : at(policy.finalHours),
  };
}

/** Which stages need no deadline any more (see dueTimes). */
export function settledStages(triage: Pick<Triage, 'replies' | 'status' | 'flags'>): { interimSettled: boolean; finalSettled: boolean } {
  // Replies stored before proof of posting carry no source: they count as posted from the composer.
  const proven = triage.replies.filter((reply) => reply.source === 'seen' || reply.source === 'manual');
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
  const week = policy.officeHours;
  if (!week) return from + ms;
  const holidays = holidaySet(policy);
  let remaining = ms;
  let day = civilDate(from, policy.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
    const hours = week[weekdayIndex(day)];
    if (!hours || holidays.has(day)) continue;
    const [open, close] = officeInterval(day, hours.start, hours.end, policy.timeZone);
    const begin = Math.max(open, from);
    if (begin > close) continue;
    if (remaining <= close - begin) return begin + remaining;
    remaining -= close - begin;
  }
  throw new Error(`no office time within ${MAX_DAYS} days of ${new Date(from).toISOString()}: check the office hours and holidays`);
}

// ---- Calendar arithmetic in the policy's time zone (DST-safe: every wall time converts on its own day).

let holidayCache: { list: SlaPolicy['holidays']; set: Set<string> } | undefined;

function holidaySet(policy: SlaPolicy): Set<string> {
  if (holidayCache?.list !== policy.holidays) holidayCache = { list: policy.holidays, set: new Set(policy.holidays.map((h) => h.date)) };
  return holidayCache.set;
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

/** YYYY-MM-DD of an instant in a zone (the form holidays are written in). */
export function civilDate(ms: number, timeZone: string): string {
  const { year, month, day } = wallClock(ms, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Monday 0 … Sunday 6, as the policy's officeHours are indexed. */
function weekdayIndex(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
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

// Office days repeat across items (100,000 items fall on a few hundred days): convert each once.
const intervalCache = new Map<string, [number, number]>();

function officeInterval(date: string, start: string, end: string, timeZone: string): [number, number] {
  const key = `${timeZone} ${date} ${start} ${end}`;
  let interval = intervalCache.get(key);
  if (!interval) {
    if (intervalCache.size > 50_000) intervalCache.clear();
    interval = [zonedInstant(date, start, timeZone), zonedInstant(date, end, timeZone)];
    intervalCache.set(key, interval);
  }
  return interval;
}

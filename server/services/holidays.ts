import Holidays from 'date-holidays';
import type { Holiday } from '../../lib/contract/org';

/** India's states and union territories as the holiday library names them (ISO 3166-2:IN codes, e.g. WB). */
export function indianStates(): Record<string, string> {
  return new Holidays('IN').getStates('IN') ?? {};
}

/**
 * The public holidays of a year in India and one of its states, from date-holidays (maintained, with the
 * states' own days): national days and the state's. The library knows only holidays on fixed or computable
 * dates — Diwali, Holi, Id and other lunar-calendar days are missing, and a state's notified list changes
 * each year: what this gives is a starting point an administrator completes, not the gazette.
 */
export function publicHolidays(year: number, state?: string): Holiday[] {
  const calendar = state ? new Holidays('IN', state) : new Holidays('IN');
  const days = new Map<string, string>();
  for (const holiday of calendar.getHolidays(year, 'en') ?? []) {
    if (holiday.type !== 'public') continue;
    const date = holiday.date.slice(0, 10);
    days.set(date, days.has(date) ? `${days.get(date)} / ${holiday.name}` : holiday.name);
  }
  return [...days].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
}

/** The policy's holidays with `added` joined in: a date already listed keeps its own name. Sorted by date. */
export function withHolidays(existing: readonly Holiday[], added: readonly Holiday[]): Holiday[] {
  const byDate = new Map(existing.map((holiday) => [holiday.date, holiday]));
  for (const holiday of added) if (!byDate.has(holiday.date)) byDate.set(holiday.date, holiday);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

import type { Translate } from './index';
import type { SlaStatus } from '../triage/sla';

/** "35 min", "2 h 5 min", "3 d": coarse on purpose, a badge is read at a glance. */
export function formatDuration(ms: number, t: Translate): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return t('time.minutes', { n: minutes });
  if (minutes < 48 * 60) return t('time.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
  return t('time.days', { n: Math.floor(minutes / (24 * 60)) });
}

export function formatAgo(at: Date, now: Date, t: Translate): string {
  const ms = now.getTime() - at.getTime();
  return ms < 60_000 ? t('time.justNow') : t('time.ago', { time: formatDuration(ms, t) });
}

export function formatSla(status: SlaStatus, now: Date, t: Translate): string {
  // A comment without a clock shows no deadline at all.
  if (status.state === 'none') return '';
  if (status.state === 'done' || !status.dueAt) return t('sla.done');
  const time = formatDuration(status.dueAt.getTime() - now.getTime(), t);
  const final = status.stage === 'final';
  switch (status.state) {
    case 'ok': return t(final ? 'sla.okFinal' : 'sla.ok', { time });
    case 'due-soon': return t(final ? 'sla.due-soonFinal' : 'sla.due-soon', { time });
    case 'overdue': return t(final ? 'sla.overdueFinal' : 'sla.overdue', { time });
  }
}

import { useEffect, useMemo, useState } from 'preact/hooks';
import type { OrgConfig } from '../../lib/contract/org';
import type { DeadlineFigures, OverviewResponse } from '../../lib/contract/reports';
import { useI18n, type MessageKey, type Translate } from '../../lib/i18n';
import { reasonOf, type DashboardApi, type ReportFilters } from './api';
import { DayChart, type ChartSeries } from './Chart';

export function duration(t: Translate, seconds: number | null): string {
  if (seconds === null) return t('dashboard.nobody');
  const minutes = Math.round(seconds / 60);
  return t('dashboard.duration', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

function Metric({ name, label, value, shown }: { name: string; label: MessageKey; value: number | null; shown: string }) {
  const { t } = useI18n();
  return (
    <div class="metric" data-metric={name} data-value={value === null ? '' : String(value)}>
      <span class="metric-value">{shown}</span>
      <span class="metric-label">{t(label)}</span>
    </div>
  );
}

function rateShown(t: Translate, language: string, figures: DeadlineFigures): string {
  if (figures.rate === null) return t('dashboard.noneDue');
  const percent = new Intl.NumberFormat(language === 'hi' ? 'hi-IN' : 'en-IN', { style: 'percent', maximumFractionDigits: 1 }).format(figures.rate);
  return `${percent} · ${t('dashboard.rateOf', { met: figures.met, total: figures.met + figures.missed })}`;
}

/** The overview of the filtered range: figures, the per-day charts with their tables, flags, rules and approvals. */
export function Overview({ api, org, filters }: { api: DashboardApi; org: OrgConfig; filters: ReportFilters }) {
  const { language, t } = useI18n();
  const [data, setData] = useState<OverviewResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    api.overview(filters).then(
      (answer) => current && (setData(answer), setProblem(null)),
      async (error: unknown) => current && setProblem(t('dashboard.failed', { reason: await reasonOf(error) })),
    );
    return () => {
      current = false;
    };
  }, [api, filters.from, filters.to, filters.department, filters.platform]);

  const days = useMemo(() => data?.days.map((d) => d.day) ?? [], [data]);
  const volume = useMemo<ChartSeries[]>(
    () => [
      { label: t('dashboard.received'), colour: '--chart-1', values: data?.days.map((d) => d.received) ?? [] },
      { label: t('dashboard.triaged'), colour: '--chart-2', values: data?.days.map((d) => d.triaged) ?? [] },
    ],
    [data, language],
  );
  const deadlines = useMemo<ChartSeries[]>(
    () => [
      { label: t('dashboard.interimMet'), colour: '--chart-3', values: data?.days.map((d) => d.interimMet) ?? [] },
      { label: t('dashboard.finalMet'), colour: '--chart-4', values: data?.days.map((d) => d.finalMet) ?? [] },
    ],
    [data, language],
  );

  if (problem) {
    return (
      <p class="error" role="alert">
        {problem}
      </p>
    );
  }
  if (!data) return <p class="muted">{t('dashboard.loading')}</p>;
  const departmentName = (id: string | null) => (id ? (org.departments.find((d) => d.id === id)?.name[language] ?? id) : t('dashboard.notAssigned'));
  const number = (n: number) => new Intl.NumberFormat(language === 'hi' ? 'hi-IN' : 'en-IN').format(n);

  return (
    <section class="overview" data-overview={`${data.query.from}/${data.query.to}/${data.query.department ?? ''}`}>
      <div class="metrics">
        <Metric name="received" label="dashboard.received" value={data.received} shown={number(data.received)} />
        <Metric name="triaged" label="dashboard.triaged" value={data.triaged} shown={number(data.triaged)} />
        <Metric name="open" label="dashboard.open" value={data.open} shown={number(data.open)} />
        <Metric name="overdue" label="dashboard.overdue" value={data.overdue} shown={number(data.overdue)} />
        <Metric name="interim-met-rate" label="dashboard.interimMetRate" value={data.interim.rate} shown={rateShown(t, language, data.interim)} />
        <Metric name="final-met-rate" label="dashboard.finalMetRate" value={data.final.rate} shown={rateShown(t, language, data.final)} />
      </div>
      <div class="metrics secondary">
        <Metric name="interim-met" label="dashboard.interimMet" value={data.interim.met} shown={number(data.interim.met)} />
        <Metric name="final-met" label="dashboard.finalMet" value={data.final.met} shown={number(data.final.met)} />
        <Metric name="interim-median-seconds" label="dashboard.medianInterim" value={data.interim.medianSeconds} shown={duration(t, data.interim.medianSeconds)} />
        <Metric name="interim-p90-seconds" label="dashboard.p90Interim" value={data.interim.p90Seconds} shown={duration(t, data.interim.p90Seconds)} />
        <Metric name="final-median-seconds" label="dashboard.medianFinal" value={data.final.medianSeconds} shown={duration(t, data.final.medianSeconds)} />
        <Metric name="final-p90-seconds" label="dashboard.p90Final" value={data.final.p90Seconds} shown={duration(t, data.final.p90Seconds)} />
      </div>

      <h2>{t('dashboard.perDay')}</h2>
      <DayChart title={t('dashboard.perDay')} days={days} series={volume} />
      <h2>{t('dashboard.deadlinesPerDay')}</h2>
      <DayChart title={t('dashboard.deadlinesPerDay')} days={days} series={deadlines} />
      <details open>
        <summary>{t('dashboard.perDay')}</summary>
        <table data-table="per-day">
          <thead>
            <tr>
              <th>{t('dashboard.day')}</th>
              <th>{t('dashboard.received')}</th>
              <th>{t('dashboard.triaged')}</th>
              <th>{t('dashboard.interimMet')}</th>
              <th>{t('dashboard.finalMet')}</th>
            </tr>
          </thead>
          <tbody>
            {data.days.map((d) => (
              <tr key={d.day} data-day={d.day}>
                <td>{d.day}</td>
                <td data-col="received">{d.received}</td>
                <td data-col="triaged">{d.triaged}</td>
                <td data-col="interimMet">{d.interimMet}</td>
                <td data-col="finalMet">{d.finalMet}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>

      <h2>{t('dashboard.flags')}</h2>
      {data.flags.length === 0 ? (
        <p class="muted">{t('dashboard.none')}</p>
      ) : (
        <table data-table="flags">
          <thead>
            <tr>
              <th>{t('dashboard.flag')}</th>
              <th>{t('dashboard.count')}</th>
            </tr>
          </thead>
          <tbody>
            {data.flags.map((f) => (
              <tr data-flag-row={f.flag}>
                <td>{t(`flag.${f.flag}` as MessageKey)}</td>
                <td>{f.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('dashboard.rules')}</h2>
      {data.rules.length === 0 ? (
        <p class="muted">{t('dashboard.none')}</p>
      ) : (
        <table data-table="rules">
          <thead>
            <tr>
              <th>{t('dashboard.rule')}</th>
              <th>{t('dashboard.department')}</th>
              <th>{t('dashboard.overrides')}</th>
              <th>{t('dashboard.findings')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rules.map((r) => (
              <tr data-rule={r.ruleId} data-department={r.departmentId ?? ''}>
                <td>{r.ruleId}</td>
                <td>{departmentName(r.departmentId)}</td>
                <td>{r.overrides}</td>
                <td>{r.findings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('dashboard.approvals')}</h2>
      {data.approvals.length === 0 ? (
        <p class="muted">{t('dashboard.none')}</p>
      ) : (
        <table data-table="approvals">
          <thead>
            <tr>
              <th>{t('dashboard.department')}</th>
              <th>{t('dashboard.requested')}</th>
              <th>{t('dashboard.approved')}</th>
              <th>{t('dashboard.rejected')}</th>
            </tr>
          </thead>
          <tbody>
            {data.approvals.map((a) => (
              <tr data-department={a.departmentId ?? ''}>
                <td>{departmentName(a.departmentId)}</td>
                <td>{a.requested}</td>
                <td>{a.approved}</td>
                <td>{a.rejected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { useI18n } from '../../lib/i18n';

export interface ChartSeries {
  label: string;
  /** CSS custom property holding the colour (light and dark themes set it). */
  colour: string;
  values: number[];
}

/** Each series' own line pattern (solid, dashed, dotted), also in the legend: colour is never the only difference. */
const DASHES: (number[] | undefined)[] = [undefined, [8, 4], [2, 3]];

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/**
 * A per-day line chart (uPlot, drawn on a canvas). Its figures are also in the table the caller renders
 * beside it: the canvas is for the eye, the table for reading and for screen readers.
 */
export function DayChart({ title, days, series }: { title: string; days: string[]; series: ChartSeries[] }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let plot: uPlot | null = null;
    const draw = () => {
      plot?.destroy();
      const axis = { stroke: cssVar('--fg'), grid: { stroke: cssVar('--grid') }, ticks: { stroke: cssVar('--grid') } };
      plot = new uPlot(
        {
          width: Math.max(320, element.clientWidth || 800),
          height: 220,
          scales: { x: { time: true } },
          // The days are calendar days: drawn as such whatever the browser's zone.
          tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'UTC'),
          axes: [axis, { ...axis, size: 40 }],
          series: [{ label: t('dashboard.day') }, ...series.map((s, index) => ({ label: s.label, stroke: cssVar(s.colour), dash: DASHES[index % DASHES.length], width: 2, points: { show: true, size: 5 } }))],
          legend: { show: true },
        },
        [days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000), ...series.map((s) => s.values)],
        element,
      );
    };
    draw();
    // Redrawn in the other theme's colours.
    const observer = new MutationObserver(draw);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', draw);
    return () => {
      observer.disconnect();
      scheme.removeEventListener('change', draw);
      plot?.destroy();
    };
  }, [days, series]);
  return <div class="chart" ref={box} role="img" aria-label={t('dashboard.chartLabel', { title })} data-chart={title} />;
}

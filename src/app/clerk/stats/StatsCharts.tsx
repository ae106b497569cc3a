/**
 * Two bar charts of the statistics (Chart.js, only the parts a bar chart needs, so this lazy route
 * carries ≈ 60 KB gzipped of it and the agent's first screen none). Groups run down the side (long
 * Chinese names stay readable), months along the bottom; at most MAX_GROUPS groups, the busiest —
 * the table above has every figure, and the charts are described to screen readers as such.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useMemo, useRef } from 'react';
import type { StatisticsResponse, StatisticsRow } from '../../../domain/statistics';
import { statsMessages } from '../../messages/zh-cn-stats';
import { percentText } from './stats-format';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const t = statsMessages;
const MAX_GROUPS = 15;
const FONT =
  "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";
const COLORS = { received: '#2563eb', completed: '#1f6f4a', overdue: '#b3261e', supplement: '#8a5a00' };

type BarConfig = ChartConfiguration<'bar', (number | null)[], string>;

function BarChart({ label, config, rows }: { label: string; config: BarConfig; rows: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config);
    return () => {
      chart.destroy();
    };
  }, [config]);
  const horizontal = config.options?.indexAxis === 'y';
  const height = horizontal ? Math.max(160, 56 + rows * 44) : 280;
  return (
    <div className="stats-chart__frame" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

function chartRows(stats: StatisticsResponse): StatisticsRow[] {
  if (stats.groupBy === 'month' || stats.rows.length <= MAX_GROUPS) return stats.rows;
  return [...stats.rows].sort((a, b) => b.received - a.received).slice(0, MAX_GROUPS);
}

function baseOptions(horizontal: boolean, percent: boolean): BarConfig['options'] {
  const valueAxis = {
    beginAtZero: true,
    ...(percent ? { max: 1 } : {}),
    ticks: {
      font: { family: FONT },
      ...(percent
        ? { stepSize: 0.25, callback: (value: string | number) => percentText(Number(value)) }
        : { precision: 0 }),
    },
  };
  const groupAxis = { ticks: { font: { family: FONT, size: 13 }, autoSkip: false } };
  return {
    indexAxis: horizontal ? 'y' : 'x',
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    scales: horizontal ? { x: valueAxis, y: groupAxis } : { x: groupAxis, y: valueAxis },
    plugins: {
      legend: { position: 'top', labels: { font: { family: FONT, size: 14 } } },
      tooltip: percent
        ? {
            callbacks: {
              label: (item) => `${item.dataset.label ?? ''}：${percentText(item.parsed[horizontal ? 'x' : 'y'])}`,
            },
          }
        : {},
    },
  };
}

/** 收件 / 办结 / 超期 and 办结率 / 补正率 per group. */
export function StatsCharts({ stats }: { stats: StatisticsResponse }) {
  const rows = useMemo(() => chartRows(stats), [stats]);
  const horizontal = stats.groupBy !== 'month';
  const group = t.groupBy.column[stats.groupBy];

  const volume = useMemo<BarConfig>(
    () => ({
      type: 'bar',
      data: {
        labels: rows.map((r) => r.label),
        datasets: [
          { label: t.figures.received, data: rows.map((r) => r.received), backgroundColor: COLORS.received },
          { label: t.figures.completed, data: rows.map((r) => r.completed), backgroundColor: COLORS.completed },
          { label: t.figures.overdue, data: rows.map((r) => r.overdue), backgroundColor: COLORS.overdue },
        ],
      },
      options: baseOptions(horizontal, false),
    }),
    [rows, horizontal],
  );
  const rates = useMemo<BarConfig>(
    () => ({
      type: 'bar',
      data: {
        labels: rows.map((r) => r.label),
        datasets: [
          {
            label: t.figures.completionRate,
            data: rows.map((r) => r.completionRate),
            backgroundColor: COLORS.completed,
          },
          {
            label: t.figures.supplementRate,
            data: rows.map((r) => r.supplementRate),
            backgroundColor: COLORS.supplement,
          },
        ],
      },
      options: baseOptions(horizontal, true),
    }),
    [rows, horizontal],
  );

  return (
    <div className="stats-charts">
      <figure className="stats-chart card">
        <figcaption className="card__title">{t.charts.volume}</figcaption>
        <BarChart label={t.charts.volumeLabel(group)} config={volume} rows={rows.length} />
      </figure>
      <figure className="stats-chart card">
        <figcaption className="card__title">{t.charts.rates}</figcaption>
        <BarChart label={t.charts.ratesLabel(group)} config={rates} rows={rows.length} />
      </figure>
    </div>
  );
}

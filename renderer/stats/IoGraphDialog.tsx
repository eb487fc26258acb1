import { useEffect, useState } from 'react';
import type { IoStatistics } from '../../engine/api/contract';
import { Dialog } from '../dialogs/Dialog';
import { validateFilter } from '../filter/check-filter';
import { useText } from '../i18n/index';
import { engine } from '../state/engine';
import { niceTicks, ratePath, shortNumber } from './io-graph-geometry';

const intervals = [0.001, 0.01, 0.1, 1, 10, 60] as const;
type Metric = 'packets' | 'bytes';
const WIDTH = 760;
const HEIGHT = 300;
const MARGIN = { left: 56, right: 16, top: 12, bottom: 36 };
const seriesClasses = ['io-series-all', 'io-series-filter'];

/** The interval giving at least ~20 points over the capture (Wireshark picks one similarly). */
function autoInterval(duration: number): number {
  return [...intervals].reverse().find((interval) => duration / interval >= 20) ?? intervals[0];
}

/**
 * Statistics › I/O Graph: packets/s or bytes/s per interval over the capture, all packets and
 * optionally those matching a display filter, drawn as an SVG line chart.
 */
export function IoGraphDialog() {
  const t = useText();
  const [interval, setInterval] = useState<number | null>(null);
  const [metric, setMetric] = useState<Metric>('packets');
  const [filterText, setFilterText] = useState('');
  const [filter, setFilter] = useState('');
  const [statistics, setStatistics] = useState<IoStatistics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = validateFilter(filterText);

  useEffect(() => {
    let live = true;
    setError(null);
    engine().ioStatistics(interval ?? 1, filter ? ['', filter] : ['']).then(
      (result) => {
        if (!live) return;
        if (interval === null) setInterval(autoInterval(result.duration));
        else setStatistics(result);
      },
      (reason: unknown) => live && setError(reason instanceof Error ? reason.message : String(reason)),
    );
    return () => {
      live = false;
    };
  }, [interval, filter]);

  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = (column: number) => statistics?.rows.map((row) => (metric === 'packets' ? row.frames[column] : row.bytes[column])) ?? [];
  const step = statistics?.interval ?? 1;
  const yTicks = niceTicks(Math.max(0, ...values(0).map((value) => value / step)));
  const xTicks = niceTicks(statistics ? Math.max(statistics.duration, step) : 1, 8);
  const box = { width: plotWidth, height: plotHeight, xMax: xTicks[xTicks.length - 1], yMax: yTicks[yTicks.length - 1] };
  const starts = statistics?.rows.map((row) => row.start) ?? [];
  const unit = metric === 'packets' ? t('ioPacketsPerSecond') : t('ioBytesPerSecond');

  return (
    <Dialog title={t('ioGraph')} className="wide tall">
      <form
        className="io-controls"
        onSubmit={(event) => {
          event.preventDefault();
          if (check.state !== 'invalid') setFilter(filterText.trim());
        }}
      >
        <label>
          {t('ioMetric')}{' '}
          <select aria-label={t('ioMetric')} value={metric} onChange={(event) => setMetric(event.currentTarget.value as Metric)}>
            <option value="packets">{t('ioPacketsPerSecond')}</option>
            <option value="bytes">{t('ioBytesPerSecond')}</option>
          </select>
        </label>
        <label>
          {t('ioInterval')}{' '}
          <select aria-label={t('ioInterval')} value={interval ?? ''} onChange={(event) => setInterval(Number(event.currentTarget.value))}>
            {intervals.map((value) => <option key={value} value={value}>{value < 1 ? `${value * 1000} ms` : `${value} s`}</option>)}
          </select>
        </label>
        <input
          className={`filter-input ${check.state}`}
          aria-label={t('ioFilter')}
          placeholder={t('ioFilter')}
          value={filterText}
          spellCheck={false}
          onChange={(event) => setFilterText(event.currentTarget.value)}
        />
        <button type="submit" disabled={check.state === 'invalid'}>{t('apply')}</button>
      </form>
      {error && <p className="dialog-error" role="alert">{error}</p>}
      {statistics && (
        <svg className="io-graph" role="img" aria-label={`${t('ioGraph')}: ${unit}`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT}>
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {yTicks.map((tick) => {
              const y = plotHeight - (tick / box.yMax) * plotHeight;
              return (
                <g key={`y${tick}`} className="io-tick">
                  <line x1={0} x2={plotWidth} y1={y} y2={y} className="io-grid" />
                  <text x={-6} y={y + 4} textAnchor="end">{shortNumber(tick)}</text>
                </g>
              );
            })}
            {xTicks.map((tick) => {
              const x = (tick / box.xMax) * plotWidth;
              return (
                <g key={`x${tick}`} className="io-tick">
                  <line x1={x} x2={x} y1={plotHeight} y2={plotHeight + 4} className="io-axis" />
                  <text x={x} y={plotHeight + 16} textAnchor="middle">{shortNumber(tick)}</text>
                </g>
              );
            })}
            <line x1={0} x2={plotWidth} y1={plotHeight} y2={plotHeight} className="io-axis" />
            <line x1={0} x2={0} y1={0} y2={plotHeight} className="io-axis" />
            <text x={plotWidth / 2} y={plotHeight + 32} textAnchor="middle" className="io-label">{t('ioTimeAxis')}</text>
            {statistics.filters.map((_, column) => (
              <path key={column} d={ratePath(starts, values(column), step, box)} className={`io-line ${seriesClasses[column]}`} data-series={column} />
            ))}
          </g>
        </svg>
      )}
      {statistics && (
        <p className="io-legend">
          <span className="io-key io-series-all" /> {t('ioAllPackets')} ({unit})
          {filter && (
            <>
              {'  '}
              <span className="io-key io-series-filter" /> {filter}
            </>
          )}
        </p>
      )}
    </Dialog>
  );
}

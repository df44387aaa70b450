// @ts-check
// uPlot line charts from the API's trend series (uPlot is served from node_modules; no CDN).

/** @typedef {import('../types/api.ts').TrendList['series'][number]} TrendSeries */
/** @typedef {import('uplot').AlignedData} AlignedData */

const palette = [
  '#0969da',
  '#cf222e',
  '#2da44e',
  '#8250df',
  '#d4a72c',
  '#1b7c83',
  '#bf3989',
  '#953800',
  '#6e7781',
  '#57606a',
];

/**
 * Aligns series points on one time axis: [[t...], [v...], ...].
 * @param {TrendSeries[]} series
 * @returns {AlignedData}
 */
function align(series) {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => Date.parse(p.t) / 1000)))].sort(
    (a, b) => a - b,
  );
  const index = new Map(times.map((t, i) => [t, i]));
  const rows = series.map((s) => {
    /** @type {(number | null)[]} */
    const row = new Array(times.length).fill(null);
    for (const p of s.points) {
      const at = index.get(Date.parse(p.t) / 1000);
      if (at !== undefined) row[at] = p.value;
    }
    return row;
  });
  return [times, ...rows];
}

/**
 * Draws a chart of trend series into `el` (replacing its content); returns the uPlot instance or null.
 * @param {HTMLElement} el
 * @param {TrendSeries[]} series
 * @param {{ height?: number, percent?: boolean }} [options]
 */
export function lineChart(el, series, { height = 220, percent = false } = {}) {
  el.replaceChildren();
  if (!series.length || series.every((s) => s.points.length === 0)) {
    el.append(
      Object.assign(document.createElement('div'), {
        className: 'empty',
        textContent: 'No data in this range.',
      }),
    );
    return null;
  }
  const dark = document.documentElement.dataset['theme'] === 'dark';
  const axis = {
    stroke: dark ? '#8d96a0' : '#606a76',
    grid: { stroke: dark ? '#30363d' : '#e5e8eb' },
    ticks: { stroke: dark ? '#30363d' : '#e5e8eb' },
  };
  /** @param {number | null | undefined} v */
  const fmt = (v) =>
    v === null || v === undefined ? '–' : percent ? `${(v * 100).toFixed(1)}%` : Number(v.toFixed(2));
  /**
   * @param {TrendSeries} s
   * @param {number} i
   * @returns {import('uplot').Series}
   */
  const line = (s, i) => ({
    label: s.key,
    stroke: palette[i % palette.length],
    width: 1.5,
    spanGaps: true,
    value: (_u, v) => fmt(v),
  });
  /** @type {import('uplot').Options} */
  const opts = {
    width: Math.max(320, el.clientWidth - 16),
    height,
    series: [{}, ...series.map(line)],
    axes: [axis, { ...axis, size: 64, values: (_u, vals) => vals.map(fmt) }],
  };
  return new window.uPlot(opts, align(series), el);
}

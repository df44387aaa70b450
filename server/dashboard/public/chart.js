// uPlot line charts from the API's trend series (uPlot is served from node_modules; no CDN).
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

/** Aligns series points on one time axis: [[t...], [v...], ...]. */
function align(series) {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => Date.parse(p.t) / 1000)))].sort(
    (a, b) => a - b,
  );
  const index = new Map(times.map((t, i) => [t, i]));
  const data = [times];
  for (const s of series) {
    const row = new Array(times.length).fill(null);
    for (const p of s.points) row[index.get(Date.parse(p.t) / 1000)] = p.value;
    data.push(row);
  }
  return data;
}

/** Draws a chart of trend series into `el` (replacing its content); returns the uPlot instance or null. */
export function lineChart(el, series, { title, width, height = 220, percent = false } = {}) {
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
  const dark = document.documentElement.dataset.theme === 'dark';
  const axis = {
    stroke: dark ? '#8d96a0' : '#606a76',
    grid: { stroke: dark ? '#30363d' : '#e5e8eb' },
    ticks: { stroke: dark ? '#30363d' : '#e5e8eb' },
  };
  const fmt = (v) =>
    v === null || v === undefined ? '–' : percent ? `${(v * 100).toFixed(1)}%` : Number(v.toFixed(2));
  const opts = {
    title,
    width: width ?? Math.max(320, el.clientWidth - 16),
    height,
    series: [
      {},
      ...series.map((s, i) => ({
        label: s.key,
        stroke: palette[i % palette.length],
        width: 1.5,
        spanGaps: true,
        value: (_u, v) => fmt(v),
      })),
    ],
    axes: [axis, { ...axis, size: 64, values: (_u, vals) => vals.map(fmt) }],
  };
  return new window.uPlot(opts, align(series), el);
}

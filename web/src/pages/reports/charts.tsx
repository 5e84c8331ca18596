// The reports page's charts, drawn as SVG: time runs left to right in every language (the page mirrors in
// Arabic, the time axis does not), each mark carries its figure in data-* attributes and a <title>.
// SVG rather than a chart library: three simple charts, marks a test and a screen reader can read, no canvas,
// no dependency.

export interface Series {
  key: string;
  label: string;
  color: string;
  values: (number | null)[];
}

interface ChartProps {
  testid: string;
  title: string;
  labels: string[]; // one per interval
  series: Series[];
  kind: 'bars' | 'stacked' | 'line';
  format: (v: number) => string;
  max?: number; // fixed top of the scale (e.g. 1 for ratios)
  target?: { value: number; label: string }; // a horizontal line
  empty: string;
}

const W = 720;
const H = 240;
const M = { left: 48, right: 12, top: 12, bottom: 34 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export function Chart(p: ChartProps) {
  const n = p.labels.length;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const totals = p.labels.map((_, i) =>
    p.kind === 'stacked'
      ? p.series.reduce((a, s) => a + (s.values[i] ?? 0), 0)
      : Math.max(0, ...p.series.map((s) => s.values[i] ?? 0)),
  );
  const top = p.max ?? niceMax(Math.max(0, ...totals, p.target?.value ?? 0));
  const y = (v: number) => M.top + plotH - (Math.min(v, top) / top) * plotH;
  const band = n > 0 ? plotW / n : plotW;
  const x0 = (i: number) => M.left + i * band;
  const every = Math.max(1, Math.ceil(n / 12)); // at most about 12 time labels
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const groups = p.kind === 'bars' ? p.series.length : 1;
  const barW = Math.max(1, (band * 0.8) / groups);

  return (
    <figure class="chart" data-testid={p.testid}>
      <figcaption>
        <span class="chart-title">{p.title}</span>
        <span class="chart-legend">
          {p.series.map((s) => (
            <span class="legend-item" key={s.key}>
              <i style={{ background: s.color }} />
              {s.label}
            </span>
          ))}
          {p.target && (
            <span class="legend-item">
              <i class="legend-target" />
              {p.target.label}
            </span>
          )}
        </span>
      </figcaption>
      {n === 0 ? (
        <p class="chart-empty">{p.empty}</p>
      ) : (
        <svg viewBox={`0 0 ${W} ${H}`} dir="ltr" role="img" aria-label={p.title} preserveAspectRatio="xMidYMid meet">
          {ticks.map((v) => (
            <g key={`t${v}`} class="grid">
              <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
              <text x={M.left - 6} y={y(v) + 4} text-anchor="end">
                {p.format(v)}
              </text>
            </g>
          ))}
          {p.labels.map((l, i) =>
            i % every === 0 ? (
              <text key={`x${i}`} class="axis-label" x={x0(i) + band / 2} y={H - M.bottom + 16} text-anchor="middle">
                {l}
              </text>
            ) : null,
          )}
          {p.kind === 'bars' &&
            p.series.map((s, k) =>
              s.values.map((v, i) =>
                v === null ? null : (
                  <rect
                    key={`${s.key}${i}`}
                    data-testid={`${p.testid}-${s.key}`}
                    data-index={i}
                    data-value={v}
                    x={x0(i) + band * 0.1 + k * barW}
                    y={y(v)}
                    width={barW}
                    height={Math.max(0, M.top + plotH - y(v))}
                    fill={s.color}
                  >
                    <title>{`${p.labels[i]} · ${s.label}: ${p.format(v)}`}</title>
                  </rect>
                ),
              ),
            )}
          {p.kind === 'stacked' &&
            p.labels.map((_, i) => {
              let base = 0;
              return p.series.map((s) => {
                const v = s.values[i] ?? 0;
                const y1 = y(base + v);
                const h = y(base) - y1;
                base += v;
                return (
                  <rect
                    key={`${s.key}${i}`}
                    data-testid={`${p.testid}-${s.key}`}
                    data-index={i}
                    data-value={v}
                    x={x0(i) + band * 0.1}
                    y={y1}
                    width={band * 0.8}
                    height={Math.max(0, h)}
                    fill={s.color}
                  >
                    <title>{`${p.labels[i]} · ${s.label}: ${p.format(v)}`}</title>
                  </rect>
                );
              });
            })}
          {p.kind === 'line' &&
            p.series.map((s) => {
              const pts = s.values
                .map((v, i) => (v === null ? null : `${x0(i) + band / 2},${y(v)}`))
                .filter((q): q is string => q !== null);
              return (
                <g key={s.key}>
                  <polyline points={pts.join(' ')} fill="none" stroke={s.color} stroke-width="2" />
                  {s.values.map((v, i) =>
                    v === null ? null : (
                      <circle
                        key={`${s.key}${i}`}
                        data-testid={`${p.testid}-${s.key}`}
                        data-index={i}
                        data-value={v}
                        cx={x0(i) + band / 2}
                        cy={y(v)}
                        r="3.5"
                        fill={s.color}
                      >
                        <title>{`${p.labels[i]} · ${s.label}: ${p.format(v)}`}</title>
                      </circle>
                    ),
                  )}
                </g>
              );
            })}
          {p.target && (
            <line
              class="target"
              data-testid={`${p.testid}-target`}
              data-value={p.target.value}
              x1={M.left}
              x2={W - M.right}
              y1={y(p.target.value)}
              y2={y(p.target.value)}
            >
              <title>{p.target.label}</title>
            </line>
          )}
          <line class="axis" x1={M.left} x2={W - M.right} y1={M.top + plotH} y2={M.top + plotH} />
        </svg>
      )}
    </figure>
  );
}

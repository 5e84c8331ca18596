// The reports page (supervisors): a period, an interval, a queue and a service-level threshold; charts by
// interval (offered vs answered, service level against its target, agents by state), the table of the same
// figures, and the downloads (CSV, CSV for Excel, XLSX; the CDRs and the Asterisk queue_log of the period).
// Figures come from GET /api/v1/tenants/{tenant}/reports/kpis, computed from the raw events.
import { useEffect, useState } from 'preact/hooks';
import { enc, get } from '../api';
import type { Key } from '../i18n/fr';
import type { T } from '../i18n';
import { useApp } from '../store';
import { Chart } from './reports/charts';
import { download } from './reports/download';
import {
  INTERVALS,
  SL_VARIANTS,
  STATES,
  agentsByState,
  fetchKpis,
  kpiPath,
  rowSeconds,
  startLabel,
  today,
  type Interval,
  type KpiFigures,
  type KpiQuery,
  type KpiReport,
  type SlVariant,
} from './reports/kpis';
import './reports/reports.css';

const COLORS = {
  offered: '#8aa6a8',
  answered: '#2f6f73',
  abandoned: '#a33b3b',
  sl: '#2f5f9e',
  ready: '#2e7d4f',
  reserved: '#7fb08f',
  busy: '#2f5f9e',
  wrap_up: '#6b4f9e',
  not_ready: '#a36a1e',
};

interface Column {
  key: string;
  label: Key;
  value: (f: KpiFigures, variant: SlVariant) => number | null;
  kind: 'count' | 'ratio' | 'seconds';
}
const COLUMNS: Column[] = [
  { key: 'offered', label: 'reports.offered', value: (f) => f.offered, kind: 'count' },
  { key: 'answered', label: 'reports.answered', value: (f) => f.answered, kind: 'count' },
  { key: 'answered_within', label: 'reports.answered_within', value: (f) => f.answered_within, kind: 'count' },
  { key: 'abandoned', label: 'reports.abandoned', value: (f) => f.abandoned, kind: 'count' },
  { key: 'sl', label: 'reports.sl', value: (f, v) => f[v], kind: 'ratio' },
  { key: 'asa_s', label: 'reports.asa', value: (f) => f.asa_s, kind: 'seconds' },
  { key: 'aht_s', label: 'reports.aht', value: (f) => f.aht_s, kind: 'seconds' },
  { key: 'abandon_rate', label: 'reports.abandon_rate', value: (f) => f.abandon_rate, kind: 'ratio' },
  { key: 'occupancy', label: 'reports.occupancy', value: (f) => f.occupancy, kind: 'ratio' },
];

function locale(lang: string): string {
  return lang === 'ar' ? 'ar-MA' : lang; // Moroccan Arabic writes Latin digits
}

export function ReportsPage({ t }: { t: T }) {
  const app = useApp();
  const tenant = app.session?.tenant ?? '';
  const [query, setQuery] = useState<KpiQuery>({ tenant, from: today(), to: today(), interval: '30m', queue: '', sl: 20 });
  const [variant, setVariant] = useState<SlVariant>('sl_answered');
  const [target, setTarget] = useState(80);
  const [queues, setQueues] = useState<{ name: string; display_name?: string }[]>([]);
  const [report, setReport] = useState<KpiReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    void get<{ queues: { tenant: string; name: string; display_name?: string }[] }>(
      `/api/v1/queues?tenant=${enc(tenant)}`,
    ).then((r) => {
      if (r.ok) setQueues(r.data.queues.filter((q) => q.tenant === tenant));
    });
  }, [tenant]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    void fetchKpis(query).then((r) => {
      if (!live) return;
      setLoading(false);
      if (r.ok) {
        setReport(r.data);
        setError(null);
      } else {
        setReport(null);
        setError(r.error.status === 404 && r.error.code === 'http.404' ? t('common.unavailable') : r.error.message);
      }
    });
    return () => {
      live = false;
    };
  }, [query.tenant, query.from, query.to, query.interval, query.queue, query.sl]);

  const nf = (digits: number) => new Intl.NumberFormat(locale(app.lang), { maximumFractionDigits: digits });
  const fmt = (kind: Column['kind'], v: number | null): string => {
    if (v === null || v === undefined) return '–';
    if (kind === 'ratio') return new Intl.NumberFormat(locale(app.lang), { style: 'percent', maximumFractionDigits: 1 }).format(v);
    if (kind === 'seconds') return t('reports.seconds', { n: nf(1).format(v) });
    return nf(0).format(v);
  };
  const set = (patch: Partial<KpiQuery>) => setQuery({ ...query, ...patch });

  const rows = report?.rows ?? [];
  const labels = rows.map((r) => startLabel(r.start, report?.interval ?? query.interval));
  const seconds = report ? rowSeconds(rows, report.interval) : [];
  const staffed = rows.map((r, i) => agentsByState(r, seconds[i]));
  const slLabel = t('reports.sl_within', { s: report?.parameters.sl_threshold_s ?? query.sl });
  const exportsOf = (what: string) =>
    `/api/v1/tenants/${enc(tenant)}/${what}?from=${enc(query.from)}&to=${enc(query.to)}`;
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const fetchFile = async (path: string, name: string) => setDownloadError(await download(path, name));

  return (
    <main class="page-body reports" data-testid="page-reports">
      <h1>{t('nav.reports')}</h1>
      <form class="card reports-form" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('reports.from')}
          <input type="date" data-testid="reports-from" value={query.from}
                 onChange={(e) => set({ from: e.currentTarget.value, to: e.currentTarget.value > query.to ? e.currentTarget.value : query.to })} />
        </label>
        <label>
          {t('reports.to')}
          <input type="date" data-testid="reports-to" value={query.to} min={query.from}
                 onChange={(e) => set({ to: e.currentTarget.value })} />
        </label>
        <label>
          {t('reports.interval')}
          <select data-testid="reports-interval" value={query.interval}
                  onChange={(e) => set({ interval: e.currentTarget.value as Interval })}>
            {INTERVALS.map((i) => (
              <option value={i} key={i}>{t(`reports.interval.${i}` as Key)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.queue')}
          <select data-testid="reports-queue" value={query.queue} onChange={(e) => set({ queue: e.currentTarget.value })}>
            <option value="">{t('reports.all_queues')}</option>
            {queues.map((q) => (
              <option value={q.name} key={q.name}>{q.display_name || q.name}</option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.sl_threshold')}
          <input type="number" min={1} max={3600} data-testid="reports-sl" value={query.sl}
                 onChange={(e) => {
                   const v = Number(e.currentTarget.value);
                   if (Number.isInteger(v) && v > 0) set({ sl: v });
                 }} />
        </label>
        <label>
          {t('reports.sl_variant')}
          <select data-testid="reports-variant" value={variant} onChange={(e) => setVariant(e.currentTarget.value as SlVariant)}>
            {SL_VARIANTS.map((v) => (
              <option value={v} key={v}>{t(`reports.${v}` as Key)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.target')}
          <input type="number" min={0} max={100} data-testid="reports-target" value={target}
                 onChange={(e) => {
                   const v = Number(e.currentTarget.value);
                   if (v >= 0 && v <= 100) setTarget(v);
                 }} />
        </label>
      </form>

      <div class="reports-downloads" data-testid="reports-downloads">
        <span>{t('reports.download')}</span>
        <button type="button" data-testid="download-csv" onClick={() => fetchFile(kpiPath(query, '&format=csv&profile=standard'), 'kpis.csv')}>CSV</button>
        <button type="button" data-testid="download-excel" onClick={() => fetchFile(kpiPath(query, '&format=csv&profile=excel'), 'kpis-excel.csv')}>{t('reports.csv_excel')}</button>
        <button type="button" data-testid="download-xlsx" onClick={() => fetchFile(kpiPath(query, '&format=xlsx'), 'kpis.xlsx')}>XLSX</button>
        <button type="button" data-testid="download-cdr" onClick={() => fetchFile(exportsOf('cdr') + '&format=xlsx', 'cdr.xlsx')}>{t('reports.cdr')}</button>
        <button type="button" data-testid="download-queue-log" onClick={() => fetchFile(exportsOf('queue_log'), 'queue_log')}>queue_log</button>
        {downloadError && <span class="reports-error" role="alert">{t('common.error', { msg: downloadError })}</span>}
      </div>

      {error && <p class="notice notice-error" role="alert" data-testid="reports-error">{error}</p>}
      {loading && !report && <p>{t('common.loading')}</p>}
      {report && (
        <>
          <div class="reports-charts">
            <Chart testid="chart-volume" kind="bars" title={t('reports.chart_volume')} labels={labels}
                   empty={t('reports.no_data')} format={(v) => nf(1).format(v)}
                   series={[
                     { key: 'offered', label: t('reports.offered'), color: COLORS.offered, values: rows.map((r) => r.offered) },
                     { key: 'answered', label: t('reports.answered'), color: COLORS.answered, values: rows.map((r) => r.answered) },
                     { key: 'abandoned', label: t('reports.abandoned'), color: COLORS.abandoned, values: rows.map((r) => r.abandoned) },
                   ]} />
            <Chart testid="chart-sl" kind="line" title={`${t('reports.chart_sl')} — ${t(`reports.${variant}` as Key)}`}
                   labels={labels} empty={t('reports.no_data')} max={1}
                   format={(v) => fmt('ratio', v)}
                   target={{ value: target / 100, label: t('reports.target_line', { pct: target }) }}
                   series={[{ key: 'sl', label: slLabel, color: COLORS.sl, values: rows.map((r) => r[variant]) }]} />
            <Chart testid="chart-agents" kind="stacked" title={t('reports.chart_agents')} labels={labels}
                   empty={t('reports.no_data')}
                   format={(v) => new Intl.NumberFormat(locale(app.lang), { maximumSignificantDigits: 2 }).format(v)}
                   series={STATES.map((s) => ({
                     key: s,
                     label: t(`reports.state.${s}` as Key),
                     color: COLORS[s],
                     values: staffed.map((a) => a[s]),
                   }))} />
          </div>
          <div class="card reports-table-wrap">
            <table class="reports-table" data-testid="reports-table">
              <thead>
                <tr>
                  <th>{t('reports.start')}</th>
                  {COLUMNS.map((c) => (
                    <th key={c.key}>{c.key === 'sl' ? slLabel : t(c.label)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={`${r.start_ms}-${r.queue ?? ''}`} data-testid="reports-row" data-start={r.start}>
                    <th scope="row" dir="ltr">{labels[i]}</th>
                    {COLUMNS.map((c) => {
                      const v = c.value(r, variant);
                      return (
                        <td key={c.key} data-key={c.key} data-value={v === null ? '' : String(v)}>{fmt(c.kind, v)}</td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-testid="reports-total">
                  <th scope="row">{t('reports.total')}</th>
                  {COLUMNS.map((c) => {
                    const v = c.value(report.total, variant);
                    return (
                      <td key={c.key} data-key={c.key} data-value={v === null ? '' : String(v)}>{fmt(c.kind, v)}</td>
                    );
                  })}
                </tr>
              </tfoot>
            </table>
          </div>
          {report.formulas?.[variant] && (
            <p class="reports-formula" data-testid="reports-formula">
              {t(`reports.${variant}` as Key)} = <code dir="ltr">{report.formulas[variant]}</code>
            </p>
          )}
        </>
      )}
    </main>
  );
}

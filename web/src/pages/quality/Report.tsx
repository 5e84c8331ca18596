// The quality report: the mean score per agent and criterion, by week or month.
import { useState } from 'preact/hooks';
import type { T } from '../../i18n';
import { label, loadReport, type Report } from './api';

export function QualityReport(props: { t: T; tenant: string; lang: string }) {
  const { t, tenant, lang } = props;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [interval, setInterval] = useState('week');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState('');

  async function run() {
    const r = await loadReport(tenant, from, to, interval);
    if (!r.ok) return setError(r.error.message || r.error.code);
    setError('');
    setReport(r.data);
  }

  // One line per (period, agent); one column per criterion after the overall score.
  const criteria = report ? [...new Map(report.criteria.map((c) => [c.id, c])).values()] : [];
  const lines = new Map<string, { start: string; agent: string; evaluations: number; cells: Record<string, number> }>();
  for (const row of report?.rows ?? []) {
    const key = `${row.start}|${row.agent}`;
    const line = lines.get(key) ?? { start: row.start, agent: row.agent, evaluations: 0, cells: {} };
    if (row.criterion === '') line.evaluations = row.evaluations;
    line.cells[row.criterion] = row.mean;
    lines.set(key, line);
  }
  return (
    <section class="card" aria-labelledby="q-report-h" data-testid="quality-report">
      <h2 id="q-report-h">{t('quality.report.title')}</h2>
      <form
        class="quality-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          {t('quality.search.from')}
          <input type="date" dir="ltr" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {t('quality.search.to')}
          <input type="date" dir="ltr" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <label>
          {t('quality.report.interval')}
          <select value={interval} data-testid="quality-report-interval" onChange={(e) => setInterval(e.currentTarget.value)}>
            <option value="week">{t('quality.report.week')}</option>
            <option value="month">{t('quality.report.month')}</option>
          </select>
        </label>
        <button type="submit" class="primary" data-testid="quality-report-run">
          {t('quality.report.run')}
        </button>
      </form>
      {error && <p class="notice notice-error" role="alert">{t('common.error', { msg: error })}</p>}
      {report && lines.size === 0 && <p class="muted">{t('quality.report.none')}</p>}
      {report && lines.size > 0 && (
        <>
          <table class="quality-results" data-testid="quality-report-table">
            <thead>
              <tr>
                <th>{t('quality.report.period')}</th>
                <th>{t('quality.col.agent')}</th>
                <th>{t('quality.report.count')}</th>
                <th>{t('quality.report.overall')}</th>
                {criteria.map((c) => (
                  <th key={c.id}>{label(c.labels, lang, c.id)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...lines.values()].map((l) => (
                <tr key={`${l.start}|${l.agent}`} data-agent={l.agent}>
                  <td dir="ltr">{l.start}</td>
                  <td><bdi>{l.agent}</bdi></td>
                  <td>{l.evaluations}</td>
                  <td data-testid="quality-report-overall">{l.cells[''] ?? ''}</td>
                  {criteria.map((c) => (
                    <td key={c.id}>{l.cells[c.id] ?? '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">{t('quality.report.formula')}</p>
        </>
      )}
    </section>
  );
}

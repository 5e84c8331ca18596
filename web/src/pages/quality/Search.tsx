// The recordings search: filters, the page of results, paging.
import { useState } from 'preact/hooks';
import type { T } from '../../i18n';
import { PAGE_SIZE, searchRecordings, type Recording, type RecordingPage, type SearchFilters } from './api';

const EMPTY: SearchFilters = { agent: '', queue: '', customer: '', disposition: '', from: '', to: '' };
const FIELDS: { key: keyof SearchFilters; type: 'text' | 'date' }[] = [
  { key: 'agent', type: 'text' },
  { key: 'queue', type: 'text' },
  { key: 'customer', type: 'text' },
  { key: 'disposition', type: 'text' },
  { key: 'from', type: 'date' },
  { key: 'to', type: 'date' },
];

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function RecordingSearch(props: {
  t: T;
  tenant: string;
  lang: string;
  selected: string | null;
  onSelect: (r: Recording) => void;
}) {
  const { t, tenant, lang } = props;
  const [filters, setFilters] = useState<SearchFilters>(EMPTY);
  const [page, setPage] = useState<RecordingPage | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function run(offset: number) {
    setBusy(true);
    const r = await searchRecordings(tenant, filters, offset);
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message || r.error.code);
      return;
    }
    setError('');
    setPage(r.data);
  }

  const fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <section class="card" aria-labelledby="q-search-h" data-testid="quality-search">
      <h2 id="q-search-h">{t('quality.search.title')}</h2>
      <form
        class="quality-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void run(0);
        }}
      >
        {FIELDS.map((f) => (
          <label key={f.key}>
            {t(`quality.search.${f.key}` as 'quality.search.agent')}
            <input
              type={f.type as 'text'}
              dir="ltr"
              data-testid={`quality-filter-${f.key}`}
              value={filters[f.key]}
              onInput={(e) => setFilters({ ...filters, [f.key]: e.currentTarget.value })}
            />
          </label>
        ))}
        <button type="submit" class="primary" data-testid="quality-search-submit" disabled={busy}>
          {t('quality.search.submit')}
        </button>
      </form>
      {error && <p class="notice notice-error" role="alert">{t('common.error', { msg: error })}</p>}
      {page && page.recordings.length === 0 && <p class="muted">{t('quality.results.none')}</p>}
      {page && page.recordings.length > 0 && (
        <>
          <p class="muted" data-testid="quality-total">{t('quality.results.total', { n: page.total })}</p>
          <table class="quality-results" data-testid="quality-results">
            <thead>
              <tr>
                <th>{t('quality.col.date')}</th>
                <th>{t('quality.col.agent')}</th>
                <th>{t('quality.col.queue')}</th>
                <th>{t('quality.col.caller')}</th>
                <th>{t('quality.col.duration')}</th>
                <th>{t('quality.col.disposition')}</th>
                <th>{t('quality.col.paused')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {page.recordings.map((r) => (
                <tr key={r.call_id} data-call={r.call_id} aria-selected={props.selected === r.call_id}>
                  <td>{fmt.format(new Date(r.start_ms))}</td>
                  <td><bdi>{r.agent}</bdi></td>
                  <td><bdi>{r.queue}</bdi></td>
                  <td><bdi>{r.caller}</bdi></td>
                  <td dir="ltr">{duration(r.duration_ms)}</td>
                  <td><bdi>{r.disposition}</bdi></td>
                  <td dir="ltr">{r.recording_pauses > 0 ? duration(r.recording_paused_ms) : ''}</td>
                  <td>
                    {r.purged ? (
                      <span class="muted">{t('quality.purged')}</span>
                    ) : (
                      <button data-testid={`quality-listen-${r.call_id}`} onClick={() => props.onSelect(r)}>
                        {t('quality.listen')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="row">
            <button disabled={busy || page.offset === 0} onClick={() => void run(Math.max(0, page.offset - PAGE_SIZE))}>
              {t('quality.prev')}
            </button>
            <button disabled={busy || page.offset + PAGE_SIZE >= page.total} onClick={() => void run(page.offset + PAGE_SIZE)}>
              {t('quality.next')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

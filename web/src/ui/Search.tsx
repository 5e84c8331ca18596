import { useState } from 'preact/hooks';
import { codeLabel, type T } from '../i18n';
import { searchAll, showCase, showCustomer, type SearchResult } from '../store';

export function SearchBox({ t }: { t: T }) {
  const [q, setQ] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section class="card search" aria-labelledby="search-h">
      <h2 id="search-h">{t('search.label')}</h2>
      <form
        class="inline"
        role="search"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!q.trim()) return;
          setBusy(true);
          setResult(await searchAll(q.trim()));
          setBusy(false);
        }}
      >
        <input
          type="search"
          data-testid="search-input"
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
        <button type="submit" data-testid="search-submit" disabled={busy}>
          {t('search.submit')}
        </button>
      </form>
      {result && (
        <div data-testid="search-results" aria-live="polite">
          {result.customers.length === 0 && result.cases.length === 0 && <p class="muted">{t('search.none')}</p>}
          {result.customers.length > 0 && (
            <>
              <h3>{t('search.customers')}</h3>
              <ul class="list">
                {result.customers.map((c) => (
                  <li key={c.id}>
                    <button class="link" data-testid={`search-customer-${c.id}`} onClick={() => showCustomer(c.id)}>
                      <bdi>{c.name}</bdi>
                    </button>{' '}
                    <bdi>{c.id}</bdi> · <bdi>{(c.phones ?? [])[0] ?? ''}</bdi>
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.cases.length > 0 && (
            <>
              <h3>{t('search.cases')}</h3>
              <ul class="list">
                {result.cases.map((k) => (
                  <li key={k.reference}>
                    <button class="link" data-testid={`search-case-${k.reference}`} onClick={() => showCase(k.reference)}>
                      {k.reference}
                    </button>{' '}
                    <bdi>{k.subject}</bdi> · {codeLabel(t, 'case.status', k.status ?? '')}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

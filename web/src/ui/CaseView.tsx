import { useEffect, useState } from 'preact/hooks';
import * as api from '../api';
import { codeLabel, type T } from '../i18n';
import { dateTime } from '../format';
import { notify, showCase, showCustomer, useApp } from '../store';

const STATUSES = ['open', 'in_progress', 'waiting_customer', 'resolved', 'closed'];

// One change of the case: "status: open → in progress · the note".
function historyText(t: T, h: api.CaseHistoryItem): string {
  const parts: string[] = [];
  const field = h.field ?? h.what;
  const from = h.old ?? h.from;
  const to = h.new ?? h.to;
  const label = (x?: string) => (field === 'status' ? codeLabel(t, 'case.status', x ?? '') : field === 'priority' ? codeLabel(t, 'priority', x ?? '') : (x ?? ''));
  const name = field ? codeLabel(t, 'field', field) : '';
  if (field && (from || to)) parts.push(from ? `${name}: ${label(from)} → ${label(to)}` : `${name}: ${label(to)}`);
  else if (field) parts.push(name);
  if (h.note ?? h.text) parts.push(String(h.note ?? h.text));
  return parts.join(' · ');
}

export function CaseView({ t }: { t: T }) {
  const app = useApp();
  const ref = app.viewedCase;
  const tenant = app.session!.tenant;
  const [data, setData] = useState<api.Case | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [note, setNote] = useState('');
  const [reload, setReload] = useState(0);
  useEffect(() => {
    if (!ref) return;
    let alive = true;
    setData(null);
    setError(null);
    void api.get<api.Case | { case: api.Case }>(`/api/v1/cases/${api.enc(tenant)}/${api.enc(ref)}`).then((r) => {
      if (!alive) return;
      if (r.ok) {
        const k = 'case' in r.data ? r.data.case : r.data;
        setData(k);
        setStatus(k.status ?? 'open');
      } else setError(r.error.message || r.error.code);
    });
    return () => {
      alive = false;
    };
  }, [ref, tenant, reload]);
  if (!ref) return null;
  return (
    <section class="card caseview" data-testid="case-view" data-reference={ref} aria-labelledby="case-h">
      <h2 id="case-h">
        <span data-testid="case-reference">{t('case.title', { ref })}</span>
        <button class="link close" data-testid="case-close" aria-label={t('case.close')} onClick={() => showCase(null)}>
          ×
        </button>
      </h2>
      {error && <p class="error">{t('common.error', { msg: error })}</p>}
      {!data && !error && <p class="muted">{t('common.loading')}</p>}
      {data && (
        <>
          <p class="subject">
            <bdi>{data.subject}</bdi>
          </p>
          <dl class="facts two">
            <dt>{t('case.status')}</dt>
            <dd data-testid="case-status" data-status={data.status}>
              <bdi>{codeLabel(t, 'case.status', data.status ?? '')}</bdi>
            </dd>
            <dt>{t('case.category')}</dt>
            <dd><bdi>{data.category}</bdi></dd>
            <dt>{t('case.priority')}</dt>
            <dd><bdi>{codeLabel(t, 'priority', data.priority ?? '')}</bdi></dd>
            {data.owner && (
              <>
                <dt>{t('case.owner')}</dt>
                <dd><bdi>{data.owner}</bdi></dd>
              </>
            )}
            {data.due_ms ? (
              <>
                <dt>{t('case.due')}</dt>
                <dd><bdi>{dateTime(app.lang, data.due_ms)}</bdi></dd>
              </>
            ) : null}
            {data.customer_id && (
              <>
                <dt>{t('customer.id')}</dt>
                <dd>
                  <button class="link" dir="ltr" onClick={() => showCustomer(data.customer_id!)}>
                    {data.customer_id}
                  </button>
                </dd>
              </>
            )}
          </dl>
          {data.description && (
            <p>
              <bdi>{data.description}</bdi>
            </p>
          )}
          <h3>{t('case.history')}</h3>
          <ol class="timeline" data-testid="case-history">
            {(data.history ?? []).map((h, i) => (
              <li key={i}>
                <span class="when">{dateTime(app.lang, Number(h.ts_ms ?? h.at_ms ?? 0))}</span> {h.actor ?? h.by ? <strong>{h.actor ?? h.by}</strong> : null} <bdi>{historyText(t, h)}</bdi>
              </li>
            ))}
          </ol>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              const body: Record<string, string> = {};
              if (status && status !== data.status) body.status = status;
              if (note.trim()) body.note = note.trim();
              if (Object.keys(body).length === 0) return;
              const r = await api.post(`/api/v1/cases/${api.enc(tenant)}/${api.enc(ref)}`, body);
              if (!r.ok) return notify('error', t('common.error', { msg: r.error.message || r.error.code }));
              setNote('');
              notify('info', t('case.saved'));
              setReload(reload + 1);
            }}
          >
            <label for="case-status-select">{t('case.status')}</label>
            <select id="case-status-select" data-testid="case-status-select" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {codeLabel(t, 'case.status', s)}
                </option>
              ))}
            </select>
            <label for="case-note">{t('case.note')}</label>
            <textarea id="case-note" data-testid="case-note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
            <button type="submit" class="primary" data-testid="case-save">
              {t('case.save')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

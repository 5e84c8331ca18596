import { useEffect, useState } from 'preact/hooks';
import * as api from '../api';
import { codeLabel, type T } from '../i18n';
import { date, dateTime, money } from '../format';
import { notify, showCase, useApp } from '../store';

interface Loaded {
  id: string;
  customer: api.Customer | null;
  error: string | null;
  cases: api.Case[];
  timeline: api.TimelineItem[];
}

function useCustomer(tenant: string, id: string | null, reloadKey: number): Loaded | null {
  const [data, setData] = useState<Loaded | null>(null);
  useEffect(() => {
    if (!id) {
      setData(null);
      return;
    }
    let alive = true;
    setData(null);
    const base = `/api/v1/customers/${api.enc(tenant)}/${api.enc(id)}`;
    void (async () => {
      const [card, cases, timeline] = await Promise.all([
        api.get<api.Customer | { customer: api.Customer }>(base),
        api.get<{ cases: api.Case[] } | api.Case[]>(`/api/v1/cases/${api.enc(tenant)}?customer=${api.enc(id)}`),
        api.get<{ items?: api.TimelineItem[]; timeline?: api.TimelineItem[] } | api.TimelineItem[]>(`${base}/timeline`),
      ]);
      if (!alive) return;
      const c = card.ok ? ('customer' in card.data ? card.data.customer : card.data) : null;
      const allCases = cases.ok ? (Array.isArray(cases.data) ? cases.data : (cases.data.cases ?? [])) : [];
      const items = timeline.ok ? (Array.isArray(timeline.data) ? timeline.data : (timeline.data.items ?? timeline.data.timeline ?? [])) : [];
      setData({
        id,
        customer: c,
        error: card.ok ? null : card.error.message || card.error.code,
        cases: allCases.filter((x) => !['closed', 'resolved'].includes(x.status ?? '')),
        timeline: [...items].sort((x, y) => Number(y.ts_ms ?? 0) - Number(x.ts_ms ?? 0)).slice(0, 10), // newest first
      });
    })();
    return () => {
      alive = false;
    };
  }, [tenant, id, reloadKey]);
  return data;
}

function address(a: api.Customer['address']): string {
  if (!a) return '';
  return typeof a === 'string' ? a : Object.values(a).filter(Boolean).join(', ');
}

// An item of the timeline: {type: call|case|note|disposition, ts_ms, <type>: {...}}.
function timelineKind(t: T, it: api.TimelineItem): string {
  return codeLabel(t, 'timeline', String(it.type ?? it.kind ?? ''));
}

function ivrPath(p: unknown): string {
  const steps = p && typeof p === 'object' ? (p as { steps?: { step?: string }[] }).steps : undefined;
  return Array.isArray(steps) ? steps.map((x) => x.step ?? '').join(' › ') : '';
}

function timelineText(t: T, it: api.TimelineItem): string {
  const type = String(it.type ?? it.kind ?? '');
  const o = (it[type] && typeof it[type] === 'object' ? it[type] : it) as Record<string, unknown>;
  const parts: string[] = [];
  const add = (v: unknown) => {
    if (v !== undefined && v !== null && v !== '') parts.push(String(v));
  };
  if (type === 'call') {
    add(o.queue);
    add(o.agent);
    add(ivrPath(o.ivr_path));
    if (o.disposition) add(codeLabel(t, 'disposition', String(o.disposition)));
    add(o.wrapup_note);
  } else if (type === 'case') {
    add(o.reference);
    add(o.subject);
    if (o.status) add(codeLabel(t, 'case.status', String(o.status)));
  } else if (type === 'note') {
    add(o.author);
    add(o.text);
  } else if (type === 'disposition') {
    if (o.disposition) add(codeLabel(t, 'disposition', String(o.disposition)));
    add(o.agent);
    add(o.note);
  } else {
    for (const k of ['subject', 'text', 'note', 'disposition', 'reference']) add(o[k]);
  }
  return parts.join(' · ');
}

function hasRecording(it: api.TimelineItem): boolean {
  const call = it.call as { recording?: string } | undefined;
  return Boolean(call?.recording);
}

export function CustomerPanel({ t }: { t: T }) {
  const app = useApp();
  const [reload, setReload] = useState(0);
  const [note, setNote] = useState('');
  const tenant = app.session!.tenant;
  const data = useCustomer(tenant, app.viewedCustomer, reload);
  if (!app.viewedCustomer) {
    return (
      <section class="card" data-testid="customer-card" data-state="none" aria-labelledby="customer-h">
        <h2 id="customer-h">{t('customer.title')}</h2>
        <p class="muted">{t('customer.none')}</p>
      </section>
    );
  }
  if (!data) {
    return (
      <section class="card" data-testid="customer-card" data-state="loading" aria-busy="true" aria-labelledby="customer-h">
        <h2 id="customer-h">{t('customer.title')}</h2>
        <p class="muted">{t('customer.loading')}</p>
      </section>
    );
  }
  const c = data.customer;
  if (!c) {
    return (
      <section class="card" data-testid="customer-card" data-state="error" aria-labelledby="customer-h">
        <h2 id="customer-h">{t('customer.title')}</h2>
        <p class="error">{t('common.error', { msg: data.error ?? '' })}</p>
      </section>
    );
  }
  const callId = app.contact?.call_id ?? app.lastContact?.call_id;
  return (
    <section class="card customer" data-testid="customer-card" data-state="loaded" data-customer={c.id} aria-labelledby="customer-h">
      <h2 id="customer-h">
        {t('customer.title')} — <bdi data-testid="customer-name">{c.name}</bdi>
      </h2>
      <dl class="facts two">
        <dt>{t('customer.id')}</dt>
        <dd data-testid="customer-id">
          <bdi>{c.id}</bdi>
        </dd>
        <dt>{t('customer.phones')}</dt>
        <dd><bdi>{(c.phones ?? []).join(', ')}</bdi></dd>
        {c.email && (
          <>
            <dt>{t('customer.email')}</dt>
            <dd><bdi>{c.email}</bdi></dd>
          </>
        )}
        {address(c.address) && (
          <>
            <dt>{t('customer.address')}</dt>
            <dd><bdi>{address(c.address)}</bdi></dd>
          </>
        )}
        {c.language && (
          <>
            <dt>{t('customer.language')}</dt>
            <dd><bdi>{c.language}</bdi></dd>
          </>
        )}
      </dl>
      {(c.accounts ?? []).length > 0 && (
        <>
          <h3>{t('customer.accounts')}</h3>
          <table class="grid" data-testid="customer-accounts">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('customer.balance')}</th>
                <th scope="col">{t('customer.last_payment')}</th>
              </tr>
            </thead>
            <tbody>
              {(c.accounts ?? []).map((a) => (
                <tr key={a.id}>
                  <td>
                    <bdi>
                      {a.id} {a.kind ? `(${a.kind})` : ''}
                    </bdi>
                  </td>
                  <td class="num">{money(app.lang, a.balance_cents, a.currency)}</td>
                  <td>
                    {money(app.lang, a.last_payment_cents, a.currency)} {date(app.lang, a.last_payment_date)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('customer.open_cases')}</h3>
      {data.cases.length === 0 ? (
        <p class="muted">{t('customer.no_cases')}</p>
      ) : (
        <ul class="list" data-testid="customer-cases">
          {data.cases.map((k) => (
            <li key={k.reference}>
              <button class="link" data-testid={`case-link-${k.reference}`} onClick={() => showCase(k.reference)}>
                {k.reference}
              </button>{' '}
              <bdi>{k.subject}</bdi> · {codeLabel(t, 'case.status', k.status ?? '')} · {codeLabel(t, 'priority', k.priority ?? '')}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('customer.timeline')}</h3>
      {data.timeline.length === 0 ? (
        <p class="muted">{t('customer.no_timeline')}</p>
      ) : (
        <ol class="timeline" data-testid="customer-timeline">
          {data.timeline.map((it, i) => (
            <li key={i}>
              <span class="when">{dateTime(app.lang, Number(it.ts_ms ?? it.at_ms ?? 0))}</span>{' '}
              <strong>{timelineKind(t, it)}</strong> <bdi>{timelineText(t, it)}</bdi>
              {hasRecording(it) && <> · {t('timeline.recording')}</>}
            </li>
          ))}
        </ol>
      )}
      <form
        class="inline"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!note.trim()) return;
          const r = await api.post(`/api/v1/customers/${api.enc(tenant)}/${api.enc(c.id)}/notes`, { text: note.trim(), call_id: callId });
          if (!r.ok) return notify('error', t('common.error', { msg: r.error.message || r.error.code }));
          setNote('');
          notify('info', t('customer.note_saved'));
          setReload(reload + 1);
        }}
      >
        <input data-testid="customer-note" aria-label={t('customer.add_note')} placeholder={t('customer.add_note')} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <button type="submit" data-testid="customer-note-submit">
          {t('customer.add_note')}
        </button>
      </form>
    </section>
  );
}

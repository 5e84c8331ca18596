import { useState } from 'preact/hooks';
import * as api from '../api';
import { codeLabel, type T } from '../i18n';
import { agentCommand, notify, showCase, useApp } from '../store';

const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

// Shown while the agent is in wrap-up: disposition, note, and optionally a new case for the customer.
export function WrapUpPanel({ t }: { t: T }) {
  const app = useApp();
  const [disposition, setDisposition] = useState('');
  const [note, setNote] = useState('');
  const [makeCase, setMakeCase] = useState(false);
  const [category, setCategory] = useState('');
  const [priority, setPriority] = useState('');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  if (app.agent?.state !== 'wrap_up') return null;
  const c = app.lastContact;
  const cat = category || app.categories[0]?.name || '';
  const prio = priority || app.categories.find((x) => x.name === cat)?.default_priority || 'normal';
  const customer = app.viewedCustomer;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const s = app.session!;
    if (makeCase && customer) {
      const r = await api.post<api.Case>(`/api/v1/cases/${api.enc(s.tenant)}`, {
        customer_id: customer,
        category: cat,
        priority: prio,
        subject,
        description,
        call_id: c?.call_id,
      });
      if (!r.ok) {
        notify('error', t('common.error', { msg: r.error.message || r.error.code }));
        setBusy(false);
        return;
      }
      notify('info', t('case.created', { ref: r.data.reference }));
      showCase(r.data.reference);
      setMakeCase(false); // a retry of the end of wrap-up must not create it twice
    }
    const body: Record<string, string> = { disposition };
    if (note) body.note = note;
    const ok = await agentCommand('end-wrap-up', body);
    setBusy(false);
    if (ok) {
      setDisposition('');
      setNote('');
      setMakeCase(false);
      setSubject('');
      setDescription('');
    }
  };

  return (
    <section class="card wrapup" data-testid="wrapup-panel" aria-labelledby="wrapup-h">
      <h2 id="wrapup-h">{t('wrapup.title')}</h2>
      <form onSubmit={submit}>
        <label for="wrapup-disposition">{t('wrapup.disposition')}</label>
        <select id="wrapup-disposition" data-testid="wrapup-disposition" value={disposition} onChange={(e) => setDisposition(e.currentTarget.value)}>
          <option value="">{t('wrapup.choose')}</option>
          {app.codes.dispositions.map((d) => (
            <option key={d} value={d}>
              {codeLabel(t, 'disposition', d)}
            </option>
          ))}
        </select>
        <label for="wrapup-note">{t('wrapup.note')}</label>
        <textarea id="wrapup-note" data-testid="wrapup-note" rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <label class="check">
          <input type="checkbox" data-testid="wrapup-create-case" checked={makeCase} disabled={!customer} onChange={(e) => setMakeCase(e.currentTarget.checked)} />
          {t('wrapup.create_case')}
        </label>
        {makeCase && (
          <fieldset class="newcase">
            <label for="case-category">{t('case.category')}</label>
            <select id="case-category" data-testid="case-category" value={cat} onChange={(e) => setCategory(e.currentTarget.value)}>
              {app.categories.map((x) => (
                <option key={x.name} value={x.name}>
                  {x.name}
                </option>
              ))}
            </select>
            <label for="case-priority">{t('case.priority')}</label>
            <select id="case-priority" data-testid="case-priority" value={prio} onChange={(e) => setPriority(e.currentTarget.value)}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {codeLabel(t, 'priority', p)}
                </option>
              ))}
            </select>
            <label for="case-subject">{t('case.subject')}</label>
            <input id="case-subject" data-testid="case-subject" required value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
            <label for="case-description">{t('case.description')}</label>
            <textarea id="case-description" data-testid="case-description" rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
          </fieldset>
        )}
        <button type="submit" class="primary" data-testid="wrapup-submit" disabled={busy}>
          {t('wrapup.submit')}
        </button>
      </form>
    </section>
  );
}

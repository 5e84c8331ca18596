// The player of the chosen recording and the evaluation form filled while listening.
import { useEffect, useState } from 'preact/hooks';
import type { T } from '../../i18n';
import { audioUrl, evaluationsOf, label, loadForms, saveEvaluation, type Evaluation, type Form, type Recording } from './api';

export function PlayerAndEvaluation(props: { t: T; tenant: string; lang: string; recording: Recording }) {
  const { t, tenant, lang, recording } = props;
  const [forms, setForms] = useState<Form[]>([]);
  const [formName, setFormName] = useState('');
  const [scores, setScores] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [saved, setSaved] = useState<Evaluation[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadForms(tenant).then((r) => {
      if (!r.ok) return setError(r.error.message || r.error.code);
      setForms(r.data.forms);
      if (r.data.forms.length) setFormName(r.data.forms[0].name);
    });
  }, [tenant]);
  useEffect(() => {
    setScores({});
    setComment('');
    setError('');
    void evaluationsOf(tenant, recording.call_id).then((r) => r.ok && setSaved(r.data.evaluations));
  }, [tenant, recording.call_id]);

  const form = forms.find((f) => f.name === formName);

  async function submit() {
    if (!form) return;
    const body: Record<string, number | null> = {};
    for (const c of form.criteria) {
      const v = scores[c.id] ?? '';
      body[c.id] = v === 'na' || v === '' ? null : Number(v);
    }
    setBusy(true);
    const r = await saveEvaluation(tenant, { call_id: recording.call_id, form: form.name, scores: body, comment });
    setBusy(false);
    if (!r.ok) return setError(r.error.message || r.error.code);
    setError('');
    setSaved([r.data, ...saved]);
  }

  const complete = !!form && form.criteria.every((c) => (scores[c.id] ?? '') !== '');
  return (
    <section class="card" aria-labelledby="q-player-h" data-testid="quality-player" data-call={recording.call_id}>
      <h2 id="q-player-h">{t('quality.player.title', { call: recording.call_id })}</h2>
      <audio controls preload="metadata" src={audioUrl(recording)} data-testid="quality-audio" class="quality-audio" />
      <p>
        <a href={audioUrl(recording, true)} download={`${recording.call_id}.wav`} data-testid="quality-download">
          {t('quality.download')}
        </a>
      </p>
      <h3>{t('quality.eval.title')}</h3>
      {forms.length === 0 ? (
        <p class="muted">{t('quality.eval.no_form')}</p>
      ) : (
        <form
          class="quality-eval"
          data-testid="quality-eval"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label>
            {t('quality.eval.form')}
            <select value={formName} data-testid="quality-eval-form" onChange={(e) => setFormName(e.currentTarget.value)}>
              {forms.map((f) => (
                <option key={f.name} value={f.name}>{f.name}</option>
              ))}
            </select>
          </label>
          {form?.criteria.map((c) => (
            <label key={c.id}>
              {label(c.labels, lang, c.id)} <span class="muted">(×{c.weight})</span>
              <select
                data-testid={`quality-score-${c.id}`}
                value={scores[c.id] ?? ''}
                onChange={(e) => setScores({ ...scores, [c.id]: e.currentTarget.value })}
              >
                <option value="">—</option>
                {Array.from({ length: c.max_score + 1 }, (_, i) => (
                  <option key={i} value={String(i)}>{`${i} / ${c.max_score}`}</option>
                ))}
                <option value="na">{t('quality.eval.na')}</option>
              </select>
            </label>
          ))}
          <label>
            {t('quality.eval.comment')}
            <textarea data-testid="quality-eval-comment" maxLength={4000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
          <button type="submit" class="primary" data-testid="quality-eval-save" disabled={busy || !complete}>
            {t('quality.eval.save')}
          </button>
        </form>
      )}
      {error && <p class="notice notice-error" role="alert">{t('common.error', { msg: error })}</p>}
      {saved.length > 0 && (
        <ul class="quality-saved" data-testid="quality-saved">
          {saved.map((e) => (
            <li key={e.id} data-score={e.score}>
              {t('quality.eval.saved', { score: e.score, who: e.evaluator, form: e.form })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

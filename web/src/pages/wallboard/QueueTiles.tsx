// One tile per queue: contacts waiting, longest wait, service level with its
// formula, ASA, today's counts, estimated wait, agents by state. Figures past
// their thresholds turn amber or red.
import type { Lang, T } from '../../i18n';
import { duration, locale } from '../../format';
import type { Level, QueueFigures } from './types';

const STATES = ['ready', 'reserved', 'busy', 'wrap_up', 'not_ready'] as const;

function pct(lang: Lang, x: number | null): string {
  if (x === null || x === undefined) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(x);
}

function num(lang: Lang, x: number): string {
  return new Intl.NumberFormat(locale(lang)).format(x);
}

function secs(lang: Lang, s: number | null): string {
  return s === null || s === undefined ? '—' : duration(lang, s * 1000);
}

function Figure(props: { label: string; value: string; level?: Level; testid: string; big?: boolean; t: T }) {
  const level = props.level ?? 'ok';
  return (
    <div class={`wb-fig wb-${level}${props.big ? ' wb-big' : ''}`} data-testid={props.testid} data-level={level}>
      <span class="wb-fig-label">{props.label}</span>
      <span class="wb-fig-value">
        {props.value}
        {level !== 'ok' && <span class="visually-hidden"> ({props.t(`wallboard.level.${level}` as const)})</span>}
      </span>
    </div>
  );
}

export function QueueTile({ q, t, lang }: { q: QueueFigures; t: T; lang: Lang }) {
  const slLevel = q.levels.service_level;
  return (
    <section class="wb-tile" data-testid="wb-queue" data-queue={q.queue} aria-label={q.name}>
      <h2>
        {q.name}
        {q.name !== q.queue && <span class="wb-code" dir="ltr">{q.queue}</span>}
      </h2>
      <div class="wb-figs">
        <Figure t={t} big label={t('wallboard.waiting')} value={num(lang, q.waiting)} level={q.levels.waiting} testid="wb-waiting" />
        <Figure t={t} big label={t('wallboard.longest')} value={secs(lang, q.longest_wait_s)} level={q.levels.longest_wait} testid="wb-longest" />
        <Figure t={t} big label={t('wallboard.sl')} value={pct(lang, q.service_level)} level={slLevel} testid="wb-sl" />
        <Figure t={t} label={t('wallboard.asa')} value={secs(lang, q.asa_s)} level={q.levels.asa} testid="wb-asa" />
        <Figure t={t} label={t('wallboard.ewt')} value={secs(lang, q.estimated_wait_s)} testid="wb-ewt" />
      </div>
      <p class="wb-formula" data-testid="wb-formula">
        <span class="wb-formula-text" dir="ltr">
          {t('wallboard.sl_short')} = {q.service_level_formula}
          {' = '}
          {num(lang, q.answered_within)} / ({num(lang, q.answered)} + {num(lang, q.abandoned)} − {num(lang, q.abandoned_within)})
        </span>
        <span class="wb-muted">
          {t('wallboard.sl_legend', { t: q.sl_threshold_s, target: pct(lang, q.sl_target) })}
        </span>
      </p>
      <dl class="wb-counts">
        <div>
          <dt>{t('wallboard.offered')}</dt>
          <dd data-testid="wb-offered">{num(lang, q.offered)}</dd>
        </div>
        <div>
          <dt>{t('wallboard.answered')}</dt>
          <dd data-testid="wb-answered">{num(lang, q.answered)}</dd>
        </div>
        <div>
          <dt>{t('wallboard.abandoned')}</dt>
          <dd data-testid="wb-abandoned">{num(lang, q.abandoned)}</dd>
        </div>
      </dl>
      <ul class="wb-states" aria-label={t('wallboard.agents')}>
        {STATES.map((s) => (
          <li key={s} class={`wb-state wb-state-${s}`} data-testid={`wb-agents-${s}`}>
            <span class="wb-state-n">{num(lang, q.agents[s] ?? 0)}</span> {t(`state.${s}` as const)}
          </li>
        ))}
      </ul>
    </section>
  );
}

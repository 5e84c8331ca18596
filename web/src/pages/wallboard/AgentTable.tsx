// The agents: state and time in state (ticking), reason, current contact,
// contacts handled and AHT today; per agent, listen / whisper / barge on its
// call and force ready / not ready / log out.
import { codeLabel, type Lang, type T } from '../../i18n';
import { duration, locale } from '../../format';
import type { MonitorMode, Monitor, ForcedState } from './actions';
import type { AgentFigures } from './types';

export interface AgentActions {
  monitor: Monitor | null;
  reasons: string[];
  onMonitor(a: AgentFigures, mode: MonitorMode): void;
  onStop(): void;
  onForce(a: AgentFigures, state: ForcedState, reason?: string): void;
}

const MODES: MonitorMode[] = ['listen', 'whisper', 'barge'];

export function AgentTable(props: {
  agents: AgentFigures[];
  now: number; // server time now (ms)
  t: T;
  lang: Lang;
  tv: boolean;
  actions: AgentActions;
}) {
  const { t, lang, now, tv, actions } = props;
  const nf = new Intl.NumberFormat(locale(lang));
  return (
    <table class="wb-agents" data-testid="wb-agents">
      <thead>
        <tr>
          <th scope="col">{t('wallboard.agent')}</th>
          <th scope="col">{t('wallboard.state')}</th>
          <th scope="col">{t('wallboard.time_in_state')}</th>
          <th scope="col">{t('wallboard.contact')}</th>
          <th scope="col">{t('wallboard.handled')}</th>
          <th scope="col">{t('wallboard.aht')}</th>
          {!tv && <th scope="col">{t('wallboard.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {props.agents.map((a) => {
          const mine = actions.monitor && actions.monitor.login === a.login ? actions.monitor : null;
          return (
            <tr key={a.login} data-testid="wb-agent" data-login={a.login} data-state={a.state}>
              <td>
                <span class="wb-agent-name">{a.name || a.login}</span>{' '}
                <span class="wb-code" dir="ltr">{a.login}</span>
              </td>
              <td>
                <span class={`badge state-${a.state}`} data-testid="wb-agent-state">
                  {codeLabel(t, 'state', a.state)}
                </span>
                {a.reason && a.state === 'not_ready' && <span class="wb-reason"> {codeLabel(t, 'reason', a.reason)}</span>}
              </td>
              <td class="wb-num" data-testid="wb-agent-time">
                {a.state === 'logged_out' ? '' : duration(lang, now - a.since_ms)}
              </td>
              <td data-testid="wb-agent-contact">
                {a.contact && (
                  <span>
                    <span dir="ltr">{a.contact.caller}</span>
                    {a.contact.queue && <span class="wb-muted"> · {a.contact.queue}</span>}
                  </span>
                )}
              </td>
              <td class="wb-num" data-testid="wb-agent-handled">{nf.format(a.handled)}</td>
              <td class="wb-num">{a.aht_s === null ? '—' : duration(lang, a.aht_s * 1000)}</td>
              {!tv && (
                <td class="wb-actions">
                  {a.call_id && a.state === 'busy' && (
                    <span class="wb-group" role="group" aria-label={t('wallboard.monitor')}>
                      {MODES.map((m) => (
                        <button
                          key={m}
                          type="button"
                          data-testid={`wb-${m}`}
                          aria-pressed={mine?.mode === m}
                          class={mine?.mode === m ? 'active' : ''}
                          onClick={() => actions.onMonitor(a, m)}
                        >
                          {t(`wallboard.${m}` as const)}
                        </button>
                      ))}
                      {mine && (
                        <button type="button" data-testid="wb-stop" onClick={() => actions.onStop()}>
                          {t('wallboard.stop')}
                        </button>
                      )}
                    </span>
                  )}
                  {a.state !== 'logged_out' && (
                    <span class="wb-group" role="group" aria-label={t('wallboard.force')}>
                      {(a.state === 'not_ready' || a.state === 'wrap_up') && (
                        <button type="button" data-testid="wb-force-ready" onClick={() => actions.onForce(a, 'ready')}>
                          {t('wallboard.force_ready')}
                        </button>
                      )}
                      {a.state !== 'not_ready' && (
                        <select
                          data-testid="wb-force-not-ready"
                          aria-label={t('wallboard.force_not_ready')}
                          value=""
                          onChange={(e) => {
                            const r = (e.target as HTMLSelectElement).value;
                            if (r) actions.onForce(a, 'not_ready', r);
                          }}
                        >
                          <option value="">{t('wallboard.force_not_ready')}</option>
                          {actions.reasons.map((r) => (
                            <option key={r} value={r}>
                              {codeLabel(t, 'reason', r)}
                            </option>
                          ))}
                        </select>
                      )}
                      <button type="button" data-testid="wb-force-logout" onClick={() => actions.onForce(a, 'logged_out')}>
                        {t('wallboard.force_logout')}
                      </button>
                    </span>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

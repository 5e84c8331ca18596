// The wallboard (#/wallboard, supervisors): live figures per queue and per agent,
// pushed once a second on the CTI topic supervision:<tenant>; supervisor actions
// on an agent's call and state; a TV mode (#/wallboard?tv=1) with big figures.
import { useEffect, useMemo, useState } from 'preact/hooks';
import * as api from '../api';
import { locale } from '../format';
import type { Codes } from '../api';
import type { T } from '../i18n';
import { useApp } from '../store';
import { AgentTable } from './wallboard/AgentTable';
import { QueueTile } from './wallboard/QueueTiles';
import {
  forceState,
  savePhone,
  savedPhone,
  startMonitor,
  stopMonitor,
  switchMonitor,
  type ForcedState,
  type Monitor,
  type MonitorMode,
} from './wallboard/actions';
import { useBoard, useTick } from './wallboard/live';
import type { AgentFigures } from './wallboard/types';
import './wallboard/wallboard.css';

const TV_KEY = 'plateau.wallboard.tv';
const DEFAULT_REASONS = ['break', 'lunch', 'training', 'meeting', 'admin'];

function tvFromAddress(): boolean {
  if (/[?&]tv=1\b/.test(window.location.hash)) return true;
  try {
    return localStorage.getItem(TV_KEY) === '1';
  } catch {
    return false;
  }
}

export function WallboardPage({ t }: { t: T }) {
  const app = useApp();
  const tenant = app.session?.tenant ?? '';
  const lang = app.lang;
  const { board, link, skewMs, error } = useBoard(tenant);
  const tick = useTick();
  const [tv, setTv] = useState(tvFromAddress());
  const [showOut, setShowOut] = useState(false);
  const [phone, setPhone] = useState(savedPhone());
  const [monitor, setMonitor] = useState<Monitor | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [reasons, setReasons] = useState<string[]>(DEFAULT_REASONS);

  useEffect(() => {
    document.body.classList.toggle('wb-tv', tv);
    try {
      localStorage.setItem(TV_KEY, tv ? '1' : '0');
    } catch {
      /* not remembered */
    }
    return () => document.body.classList.remove('wb-tv');
  }, [tv]);

  useEffect(() => {
    if (!tenant) return;
    void api.get<Codes>(`/api/v1/tenants/${api.enc(tenant)}/codes`).then((r) => {
      if (r.ok && r.data.not_ready_reasons?.length) setReasons(r.data.not_ready_reasons);
    });
  }, [tenant]);

  // A monitor of a call that is over is forgotten.
  useEffect(() => {
    if (!monitor || !board) return;
    const a = board.agents.find((x) => x.login === monitor.login);
    if (!a || a.call_id !== monitor.call_id) setMonitor(null);
  }, [board, monitor]);

  const agents = useMemo(
    () => (board?.agents ?? []).filter((a) => showOut || a.state !== 'logged_out'),
    [board, showOut],
  );

  const fail = (msg: string) => setMessage({ kind: 'error', text: t('wallboard.failed', { msg }) });

  const onMonitor = async (a: AgentFigures, mode: MonitorMode) => {
    setMessage(null);
    if (monitor && monitor.call_id === a.call_id) {
      const r = await switchMonitor(tenant, monitor.id, mode);
      if (!r.ok) return fail(r.error.message || r.error.code);
      setMonitor({ ...monitor, mode });
      return;
    }
    if (!phone.trim()) {
      setMessage({ kind: 'error', text: t('wallboard.phone_needed') });
      return;
    }
    if (monitor) await stopMonitor(tenant, monitor.id);
    const r = await startMonitor(tenant, a.call_id, mode, phone.trim());
    if (!r.ok) {
      setMonitor(null);
      return fail(r.error.message || r.error.code);
    }
    setMonitor({ id: r.data.monitor, call_id: a.call_id, mode, login: a.login });
    setMessage({ kind: 'info', text: t('wallboard.monitoring', { mode: t(`wallboard.${mode}` as const), agent: a.name || a.login }) });
  };

  const onStop = async () => {
    if (!monitor) return;
    const r = await stopMonitor(tenant, monitor.id);
    if (!r.ok && r.error.status !== 404) return fail(r.error.message || r.error.code);
    setMonitor(null);
    setMessage(null);
  };

  const onForce = async (a: AgentFigures, state: ForcedState, reason = '') => {
    setMessage(null);
    const r = await forceState(tenant, a.login, state, reason);
    if (!r.ok) return fail(r.error.message || r.error.code);
    setMessage({ kind: 'info', text: t('wallboard.done') });
  };

  const serverNow = tick + skewMs;
  return (
    <main class={`page-body wallboard${tv ? ' wb-tv-on' : ''}`} data-testid="page-wallboard" data-link={link}>
      <div class="wb-bar">
        <h1>{t('wallboard.title')}</h1>
        {board && (
          <span class="wb-muted" data-testid="wb-updated" data-ts={board.ts_ms}>
            {t('wallboard.updated', {
              time: new Intl.DateTimeFormat(locale(lang), { timeStyle: 'medium', timeZone: board.time_zone }).format(
                new Date(board.ts_ms),
              ),
            })}
          </span>
        )}
        {link !== 'online' && <span class="wb-offline" role="status">{t('wallboard.offline')}</span>}
        <span class="wb-bar-end">
          {!tv && (
            <label class="wb-phone">
              {t('wallboard.phone')}{' '}
              <input
                data-testid="wb-phone"
                dir="ltr"
                value={phone}
                placeholder={t('wallboard.phone_placeholder')}
                onInput={(e) => {
                  const v = (e.target as HTMLInputElement).value;
                  setPhone(v);
                  savePhone(v);
                }}
              />
            </label>
          )}
          {!tv && (
            <label>
              <input type="checkbox" checked={showOut} onChange={(e) => setShowOut((e.target as HTMLInputElement).checked)} />{' '}
              {t('wallboard.show_logged_out')}
            </label>
          )}
          <button type="button" data-testid="wb-tv" aria-pressed={tv} onClick={() => setTv(!tv)}>
            {tv ? t('wallboard.tv_exit') : t('wallboard.tv')}
          </button>
        </span>
      </div>
      {message && (
        <p class={`notice notice-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="wb-message">
          {message.text}
        </p>
      )}
      {error && !board && <p class="notice notice-error">{t('wallboard.failed', { msg: error })}</p>}
      {!board && !error && <p>{t('common.loading')}</p>}
      {board && (
        <>
          <h2 class="visually-hidden">{t('wallboard.queues')}</h2>
          {board.queues.length === 0 && <p>{t('wallboard.empty')}</p>}
          <div class="wb-tiles">
            {board.queues.map((q) => (
              <QueueTile key={q.queue} q={q} t={t} lang={lang} />
            ))}
          </div>
          <h2>{t('wallboard.agents')}</h2>
          <AgentTable
            agents={agents}
            now={serverNow}
            t={t}
            lang={lang}
            tv={tv}
            actions={{ monitor, reasons, onMonitor: (a, m) => void onMonitor(a, m), onStop: () => void onStop(), onForce: (a, s, r) => void onForce(a, s, r) }}
          />
        </>
      )}
    </main>
  );
}

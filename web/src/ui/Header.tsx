import { useEffect, useState } from 'preact/hooks';
import { codeLabel, LANGS, isLang, type T } from '../i18n';
import { duration } from '../format';
import { agentCommand, setLang, signOut, useApp } from '../store';
import { pagesFor, type PageId } from './pages';

// Re-renders every second (time in state, reconnection countdown).
function useTick(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

export function LanguagePicker({ t }: { t: T }) {
  const app = useApp();
  return (
    <label class="lang">
      <span class="visually-hidden">{t('lang.label')}</span>
      <select
        data-testid="lang-select"
        aria-label={t('lang.label')}
        value={app.lang}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (isLang(v)) setLang(v);
        }}
      >
        {LANGS.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ConnectionIndicator({ t }: { t: T }) {
  const app = useApp();
  const now = useTick();
  const label =
    app.link === 'online'
      ? t('conn.online')
      : app.link === 'connecting'
        ? t('conn.connecting')
        : t('conn.offline', { s: Math.max(0, Math.ceil(((app.retryAt ?? now) - now) / 1000)) });
  return (
    <span class={`conn conn-${app.link}`} data-testid="conn-indicator" data-state={app.link} role="status" aria-live="polite">
      <span class="dot" aria-hidden="true" />
      {label}
    </span>
  );
}

function pendingLabel(t: T, pending: string): string {
  if (!pending) return '';
  const [state, reason] = pending.split(':');
  const s = codeLabel(t, 'state', state);
  return reason ? `${s} (${codeLabel(t, 'reason', reason)})` : s;
}

export function StateBar({ t }: { t: T }) {
  const app = useApp();
  const now = useTick();
  const [reason, setReason] = useState('');
  const a = app.agent;
  const state = a?.state ?? 'logged_out';
  const reasons = app.codes.not_ready_reasons;
  const chosen = reason || reasons[0] || '';
  const inCall = state === 'busy' || state === 'reserved';
  return (
    <section class="statebar" data-testid="state-bar" aria-label={t('state.label')}>
      <span class={`state-pill state-${state}`} data-testid="agent-state" data-state={state}>
        {codeLabel(t, 'state', state)}
      </span>
      {a?.reason && state === 'not_ready' && (
        <span class="state-reason" data-testid="state-reason">
          {codeLabel(t, 'reason', a.reason)}
        </span>
      )}
      <span class="state-time" data-testid="state-time" title={t('state.since')}>
        {a?.state_since_ms ? duration(app.lang, now - a.state_since_ms) : ''}
      </span>
      {a?.pending && (
        <span class="state-pending" data-testid="state-pending">
          {t('state.pending', { state: pendingLabel(t, a.pending) })}
        </span>
      )}
      <span class="statebar-actions">
        {state === 'logged_out' ? (
          <button class="primary" data-testid="btn-login" onClick={() => agentCommand('login')}>
            {t('state.login')}
          </button>
        ) : (
          <>
            <button
              class={state === 'ready' ? 'primary active' : 'primary'}
              data-testid="btn-ready"
              aria-pressed={state === 'ready'}
              disabled={state === 'wrap_up'}
              onClick={() => agentCommand('ready')}
            >
              {t('state.go_ready')}
            </button>
            <select
              data-testid="reason-select"
              aria-label={t('state.choose_reason')}
              value={chosen}
              onChange={(e) => setReason(e.currentTarget.value)}
            >
              {reasons.map((r) => (
                <option key={r} value={r}>
                  {codeLabel(t, 'reason', r)}
                </option>
              ))}
            </select>
            <button
              data-testid="btn-not-ready"
              aria-pressed={state === 'not_ready'}
              onClick={() => agentCommand('not-ready', { reason: chosen })}
            >
              {t('state.go_not_ready')}
            </button>
            <button data-testid="btn-logout" disabled={inCall} onClick={() => agentCommand('logout')}>
              {t('state.logout')}
            </button>
          </>
        )}
      </span>
    </section>
  );
}

// Links to the pages the session may open (none when there is only one).
function Nav({ t, page }: { t: T; page: PageId }) {
  const app = useApp();
  const pages = app.session ? pagesFor(app.session) : [];
  if (pages.length < 2) return null;
  return (
    <nav class="nav" aria-label={t('nav.label')} data-testid="nav">
      {pages.map((p) => (
        <a key={p.id} href={`#/${p.id}`} data-testid={`nav-${p.id}`} aria-current={p.id === page ? 'page' : undefined}>
          {t(p.label)}
        </a>
      ))}
    </nav>
  );
}

export function Header({ t, page }: { t: T; page: PageId }) {
  const app = useApp();
  return (
    <header class="topbar">
      <span class="brand">Plateau</span>
      <Nav t={t} page={page} />
      {app.session?.agent && page === 'desk' && <StateBar t={t} />}
      <span class="topbar-end">
        <ConnectionIndicator t={t} />
        <LanguagePicker t={t} />
        <span class="user" data-testid="user-name">
          {app.session?.user.name || app.session?.user.login} · {app.session?.tenant}
        </span>
        <button class="link" data-testid="session-logout" onClick={() => signOut()}>
          {t('session.logout')}
        </button>
      </span>
    </header>
  );
}

import { useState } from 'preact/hooks';
import type { T } from '../i18n';
import { chooseTenant, signIn, useApp } from '../store';

export function Login({ t }: { t: T }) {
  const app = useApp();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [tenant, setTenant] = useState('');
  const error = app.loginError ? t(app.loginError as never, app.loginErrorVars) : null;

  if (app.pendingUser) {
    const p = app.pendingUser;
    const first = tenant || p.user.memberships[0]?.tenant || '';
    return (
      <main class="login" data-testid="tenant-form">
        <form
          class="card login-card"
          onSubmit={(e) => {
            e.preventDefault();
            chooseTenant(p, first);
          }}
        >
          <h1>{t('login.choose_tenant')}</h1>
          <label for="tenant">{t('login.tenant')}</label>
          <select id="tenant" data-testid="login-tenant" value={first} onChange={(e) => setTenant(e.currentTarget.value)}>
            {p.user.memberships.map((m) => (
              <option key={m.tenant} value={m.tenant}>
                {m.tenant}
              </option>
            ))}
          </select>
          {error && (
            <p class="error" role="alert" data-testid="login-error">
              {error}
            </p>
          )}
          <button type="submit" class="primary" data-testid="login-continue">
            {t('login.continue')}
          </button>
        </form>
      </main>
    );
  }

  return (
    <main class="login">
      <form
        class="card login-card"
        data-testid="login-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          await signIn(user.trim(), password);
          setBusy(false);
          setPassword('');
        }}
      >
        <h1>{t('login.title')}</h1>
        <label for="login-user">{t('login.user')}</label>
        <input
          id="login-user"
          data-testid="login-user"
          autocomplete="username"
          required
          autofocus
          value={user}
          onInput={(e) => setUser(e.currentTarget.value)}
        />
        <label for="login-password">{t('login.password')}</label>
        <input
          id="login-password"
          data-testid="login-password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error && (
          <p class="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" class="primary" data-testid="login-submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}

import type { T } from '../i18n';

export function WallboardPage({ t }: { t: T }) {
  return (
    <main class="page-body" data-testid="page-wallboard">
      <h1>{t('nav.wallboard')}</h1>
    </main>
  );
}

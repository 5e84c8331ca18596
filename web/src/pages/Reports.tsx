import type { T } from '../i18n';

export function ReportsPage({ t }: { t: T }) {
  return (
    <main class="page-body" data-testid="page-reports">
      <h1>{t('nav.reports')}</h1>
    </main>
  );
}

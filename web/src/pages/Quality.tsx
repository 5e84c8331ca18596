import type { T } from '../i18n';

export function QualityPage({ t }: { t: T }) {
  return (
    <main class="page-body" data-testid="page-quality">
      <h1>{t('nav.quality')}</h1>
    </main>
  );
}

// The quality page (#/quality, supervisors): find a call's recording, listen to it while filling an evaluation,
// and the scores per agent and criterion over time.
import { useState } from 'preact/hooks';
import type { T } from '../i18n';
import { useApp } from '../store';
import type { Recording } from './quality/api';
import { PlayerAndEvaluation } from './quality/Evaluate';
import { QualityReport } from './quality/Report';
import { RecordingSearch } from './quality/Search';

export function QualityPage({ t }: { t: T }) {
  const app = useApp();
  const [chosen, setChosen] = useState<Recording | null>(null);
  const tenant = app.session?.tenant ?? '';
  return (
    <main class="page-body quality" data-testid="page-quality">
      <h1>{t('nav.quality')}</h1>
      <div class="quality-grid">
        <RecordingSearch t={t} tenant={tenant} lang={app.lang} selected={chosen?.call_id ?? null} onSelect={setChosen} />
        {chosen && <PlayerAndEvaluation t={t} tenant={tenant} lang={app.lang} recording={chosen} />}
      </div>
      <QualityReport t={t} tenant={tenant} lang={app.lang} />
    </main>
  );
}

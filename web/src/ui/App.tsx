import { translator } from '../i18n';
import { useApp } from '../store';
import { CaseView } from './CaseView';
import { ContactPanel } from './Contact';
import { CustomerPanel } from './Customer';
import { Header, LanguagePicker } from './Header';
import { Login } from './Login';
import { SearchBox } from './Search';
import { WrapUpPanel } from './WrapUp';
import { QualityPage } from '../pages/Quality';
import { ReportsPage } from '../pages/Reports';
import { WallboardPage } from '../pages/Wallboard';
import { usePage } from './pages';

export function App() {
  const app = useApp();
  const t = translator(app.lang);
  if (!app.session) {
    return (
      <div class="page page-login">
        <header class="topbar">
          <span class="brand">Plateau</span>
          <span class="topbar-end">
            <LanguagePicker t={t} />
          </span>
        </header>
        <Login t={t} />
      </div>
    );
  }
  const page = usePage(app.session);
  return (
    <div class="page" data-page={page}>
      <Header t={t} page={page} />
      {app.notice && (
        <p class={`notice notice-${app.notice.kind}`} role={app.notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          {app.notice.text}
        </p>
      )}
      {page === 'desk' && (
        <main class="desk">
          <div class="col col-contact">
            <ContactPanel t={t} />
            <WrapUpPanel t={t} />
          </div>
          <div class="col col-customer">
            <CustomerPanel t={t} />
          </div>
          <div class="col col-side">
            <SearchBox t={t} />
            <CaseView t={t} />
          </div>
        </main>
      )}
      {page === 'wallboard' && <WallboardPage t={t} />}
      {page === 'reports' && <ReportsPage t={t} />}
      {page === 'quality' && <QualityPage t={t} />}
    </div>
  );
}

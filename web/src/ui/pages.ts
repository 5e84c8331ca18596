// The pages of the application and who sees them: one table. A page is chosen by
// the hash of the address (#/desk, #/wallboard, #/reports, #/quality), so that a
// supervisor can bookmark the wallboard or open it on a TV screen.
import { useEffect, useState } from 'preact/hooks';
import type { Key } from '../i18n/fr';
import type { Session } from '../store';

export type PageId = 'desk' | 'wallboard' | 'reports' | 'quality';

interface PageDef {
  id: PageId;
  label: Key;
  // the lowest role in the session's tenant that opens the page
  role: 'agent' | 'supervisor' | 'administrator';
  // the page needs an agent login in the tenant (the desktop takes calls)
  needsAgent: boolean;
}

export const PAGES: readonly PageDef[] = [
  { id: 'desk', label: 'nav.desk', role: 'agent', needsAgent: true },
  { id: 'wallboard', label: 'nav.wallboard', role: 'supervisor', needsAgent: false },
  { id: 'reports', label: 'nav.reports', role: 'supervisor', needsAgent: false },
  { id: 'quality', label: 'nav.quality', role: 'supervisor', needsAgent: false },
];

const RANK: Record<string, number> = { agent: 1, supervisor: 2, administrator: 3 };

export function pagesFor(s: Session): PageDef[] {
  const rank = RANK[s.role] ?? 1;
  return PAGES.filter((p) => rank >= RANK[p.role] && (!p.needsAgent || !!s.agent));
}

function hashPage(): string {
  return window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
}

// The page to show: the one in the address if the session may open it, else the
// first it may (the desktop for an agent, the wallboard for a supervisor).
export function usePage(s: Session): PageId {
  const [hash, setHash] = useState(hashPage());
  useEffect(() => {
    const on = () => setHash(hashPage());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const allowed = pagesFor(s);
  const found = allowed.find((p) => p.id === hash);
  return (found ?? allowed[0] ?? PAGES[0]).id;
}

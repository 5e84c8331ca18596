// The wallboard's live figures: the CTI topic supervision:<tenant> (one whole
// snapshot a second), read again over REST while the link is down.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api';
import { Live, type LinkState } from '../../live';
import { isBoard, type Board } from './types';

export interface BoardState {
  board: Board | null;
  link: LinkState;
  // server time - browser time, so that time in state ticks from the server's clock
  skewMs: number;
  error: string | null;
}

export function useBoard(tenant: string): BoardState {
  const [st, setSt] = useState<BoardState>({ board: null, link: 'connecting', skewMs: 0, error: null });
  useEffect(() => {
    let alive = true;
    let link: LinkState = 'connecting';
    const take = (b: unknown) => {
      if (!alive || !isBoard(b)) return;
      setSt((s) => ({ ...s, board: b, skewMs: b.ts_ms - Date.now(), error: null }));
    };
    const read = async () => {
      const r = await api.get<Board>(`/api/v1/tenants/${api.enc(tenant)}/supervision`);
      if (!alive) return;
      if (r.ok) take(r.data);
      else setSt((s) => ({ ...s, error: r.error.message || r.error.code }));
    };
    void read();
    const live = new Live(() => api.getToken(), [`supervision:${tenant}`], {
      onEvent: (ev) => {
        if (ev.name === 'supervision.snapshot.v1') take(ev.data);
      },
      onSnapshot: (s) => take(s.state),
      onConnected: () => {},
      onLinkState: (l) => {
        link = l;
        if (alive) setSt((s) => ({ ...s, link: l }));
      },
    });
    live.start();
    const poll = window.setInterval(() => {
      if (link !== 'online') void read();
    }, 2000);
    return () => {
      alive = false;
      live.stop();
      window.clearInterval(poll);
    };
  }, [tenant]);
  return st;
}

// Re-renders every second (time in state, longest wait between two snapshots).
export function useTick(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

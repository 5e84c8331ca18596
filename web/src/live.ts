// The live link to Plateau: one WebSocket (GET /api/v1/ws?access_token=...) that
// subscribes to topics, keeps the last seq of each, and asks for a snapshot when
// it (re)connects or sees a gap, so what the page shows is the server's state.
// It reconnects by itself with backoff (1, 2, 4, 8, 16, 30 s, with jitter), at
// once when the browser comes back online, and closes a link that stops
// answering pings (a network drop the TCP stack has not noticed yet).

export type LinkState = 'connecting' | 'online' | 'offline';

export interface LiveEvent {
  type: 'event';
  topic: string;
  seq: number;
  name: string;
  ts_ms?: number;
  data: Record<string, unknown>;
}

export interface Snapshot {
  topic: string;
  seq: number;
  state: Record<string, unknown>;
}

export interface LiveHandlers {
  onEvent(ev: LiveEvent): void;
  onSnapshot(s: Snapshot): void;
  // After every (re)connection, before the snapshots: a chance to re-read state over REST.
  onConnected(): void;
  onLinkState(state: LinkState, retryAt: number | null): void;
}

const BACKOFF_S = [1, 2, 4, 8, 16, 30];
const PING_EVERY_MS = 20_000;
const PING_TIMEOUT_MS = 10_000;

export class Live {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private pongTimer: number | undefined;
  private nextId = 1;
  private stopped = false;
  private lastSeq = new Map<string, number>();
  // Topics whose snapshot is on its way: events that arrive meanwhile wait here.
  private waiting = new Map<string, LiveEvent[]>();
  private pending = new Map<string, (msg: Record<string, unknown>) => void>();
  private readonly onlineListener = () => this.reconnectNow();

  constructor(
    private readonly token: () => string,
    private readonly topics: string[],
    private readonly h: LiveHandlers,
  ) {}

  start(): void {
    this.stopped = false;
    window.addEventListener('online', this.onlineListener);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onlineListener);
    window.clearTimeout(this.retryTimer);
    this.clearPing();
    if (this.ws) {
      this.ws.onclose = null;
      this.ws.close();
      this.ws = null;
    }
  }

  // Re-reads every topic (a client that doubts what it shows).
  resync(): void {
    for (const t of this.topics) this.requestSnapshot(t);
  }

  private reReadAll(): void {
    for (const t of this.topics) this.sendSnapshot(t);
  }

  private reconnectNow(): void {
    if (this.stopped || (this.ws && this.ws.readyState <= WebSocket.OPEN)) return;
    window.clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.connect();
  }

  private url(): string {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${location.host}/api/v1/ws?access_token=${encodeURIComponent(this.token())}`;
  }

  private connect(): void {
    if (this.stopped) return;
    this.h.onLinkState('connecting', null);
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.h.onLinkState('online', null);
      this.startPing();
      this.h.onConnected();
      // A new link (maybe to a restarted server, whose seqs start again at 1): what was known is forgotten,
      // and events wait for the snapshot of their topic.
      this.lastSeq.clear();
      for (const t of this.topics) this.waiting.set(t, []);
      this.request({ type: 'subscribe', topics: this.topics }, (resp) => {
        // A refused subscription leaves the link useless: retry later, the REST reads go on meanwhile.
        if (resp.ok === true) this.reReadAll();
        else this.drop();
      });
    };
    ws.onmessage = (m) => this.onMessage(m.data);
    ws.onclose = () => {
      if (this.ws === ws) this.drop();
    };
    ws.onerror = () => {
      /* onclose follows */
    };
  }

  // Forgets the current link (closed, or silent) and plans the next one.
  private drop(): void {
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      if (ws.readyState <= WebSocket.OPEN) ws.close();
    }
    this.clearPing();
    this.pending.clear();
    this.waiting.clear();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const base = BACKOFF_S[Math.min(this.attempt, BACKOFF_S.length - 1)];
    this.attempt += 1;
    const delayMs = base * 1000 * (0.8 + Math.random() * 0.4);
    this.h.onLinkState('offline', Date.now() + delayMs);
    this.retryTimer = window.setTimeout(() => this.connect(), delayMs);
  }

  private request(msg: Record<string, unknown>, onResponse?: (msg: Record<string, unknown>) => void): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    const id = String(this.nextId++);
    if (onResponse) this.pending.set(id, onResponse);
    this.ws.send(JSON.stringify({ id, ...msg }));
  }

  private requestSnapshot(topic: string): void {
    if (this.waiting.has(topic)) return; // one is on its way
    this.waiting.set(topic, []);
    this.sendSnapshot(topic);
  }

  // Asks for the topic's snapshot; the events queued meanwhile are applied after it (those it includes dropped).
  private sendSnapshot(topic: string): void {
    this.request({ type: 'snapshot', topic }, (resp) => {
      const queued = this.waiting.get(topic) ?? [];
      this.waiting.delete(topic);
      if (resp.ok !== true || !resp.data) {
        this.drop(); // no true state to show: a new link will ask again
        return;
      }
      const snap = resp.data as unknown as Snapshot;
      const seq = Number(snap.seq ?? 0);
      this.lastSeq.set(topic, seq);
      this.h.onSnapshot({ topic, seq, state: (snap.state ?? {}) as Record<string, unknown> });
      for (const ev of queued) this.accept(ev);
    });
  }

  private onMessage(raw: unknown): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(String(raw));
    } catch {
      return;
    }
    if (msg.type === 'response') {
      const id = String(msg.id ?? '');
      const f = this.pending.get(id);
      this.pending.delete(id);
      f?.(msg);
      return;
    }
    if (msg.type === 'event') this.accept(msg as unknown as LiveEvent);
  }

  private accept(ev: LiveEvent): void {
    const queued = this.waiting.get(ev.topic);
    if (queued) {
      queued.push(ev);
      return;
    }
    const last = this.lastSeq.get(ev.topic);
    if (last !== undefined && ev.seq <= last) return; // already in the snapshot
    if (last !== undefined && ev.seq !== last + 1) {
      // A gap: what we show may be wrong; the snapshot says what is true.
      this.requestSnapshot(ev.topic);
      return;
    }
    this.lastSeq.set(ev.topic, ev.seq);
    this.h.onEvent(ev);
  }

  private startPing(): void {
    this.clearPing();
    this.pingTimer = window.setInterval(() => {
      window.clearTimeout(this.pongTimer);
      this.pongTimer = window.setTimeout(() => this.drop(), PING_TIMEOUT_MS);
      this.request({ type: 'ping' }, () => window.clearTimeout(this.pongTimer));
    }, PING_EVERY_MS);
  }

  private clearPing(): void {
    window.clearInterval(this.pingTimer);
    window.clearTimeout(this.pongTimer);
  }
}

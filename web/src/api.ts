// REST client of /api/v1: JSON in and out, the token as Bearer, errors as values.
// A 401 on any call but the login itself ends the session (the page returns to the login form).

export interface ApiError {
  status: number; // 0 = the network failed
  code: string;
  message: string;
  retryAfter?: number;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

let token = '';
let onUnauthorized: () => void = () => {};

export function setToken(t: string): void {
  token = t;
}
export function getToken(): string {
  return token;
}
export function setUnauthorizedHandler(f: () => void): void {
  onUnauthorized = f;
}

export const enc = encodeURIComponent;

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    return { ok: false, error: { status: 0, code: 'network', message: String(e) } };
  }
  let data: unknown = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (res.ok) return { ok: true, data: data as T };
  const err = (data && typeof data === 'object' && 'error' in data ? (data as { error: Partial<ApiError> }).error : {}) ?? {};
  const error: ApiError = {
    status: res.status,
    code: err.code ?? `http.${res.status}`,
    message: err.message ?? res.statusText,
  };
  const ra = res.headers.get('Retry-After');
  if (ra) error.retryAfter = Number(ra);
  if (res.status === 401 && path !== '/api/v1/auth/login') onUnauthorized();
  return { ok: false, error };
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});

// ---- The shapes the desktop reads (fields it does not know are ignored). ----

export interface Membership {
  tenant: string;
  role: string;
  agent: string;
}
export interface User {
  login: string;
  name: string;
  memberships: Membership[];
}
export interface LoginAnswer {
  token: string;
  expires_ms: number;
  user: User;
}

export interface Contact {
  call_id: string;
  tenant?: string;
  queue?: string;
  caller?: string;
  number?: string;
  direction?: string;
  attached?: Record<string, unknown>;
  customer_id?: string;
  status?: string; // offered | connected | held | consulting | conferenced | ended
  recording_paused?: boolean; // the call's recording is paused (card payment)
}

export interface AgentView {
  tenant: string;
  login: string;
  name?: string;
  phone?: string;
  state: string;
  reason?: string;
  pending?: string;
  state_since_ms?: number;
  since_ms?: number;
  call?: string;
  contact?: Contact | null;
}

export interface Account {
  id: string;
  kind?: string;
  status?: string;
  balance_cents?: number;
  currency?: string;
  last_payment_cents?: number;
  last_payment_date?: string;
}
export interface Customer {
  tenant?: string;
  id: string;
  name: string;
  language?: string;
  email?: string;
  address?: string | Record<string, string>;
  addresses?: unknown[];
  phones?: string[];
  accounts?: Account[];
}

export interface CaseHistoryItem {
  ts_ms?: number;
  at_ms?: number;
  actor?: string;
  old?: string;
  new?: string;
  by?: string;
  what?: string;
  field?: string;
  from?: string;
  to?: string;
  note?: string;
  text?: string;
}
export interface Case {
  reference: string;
  customer_id?: string;
  category?: string;
  priority?: string;
  status?: string;
  owner?: string;
  subject?: string;
  description?: string;
  due_ms?: number;
  created_ms?: number;
  history?: CaseHistoryItem[];
}

export interface TimelineItem {
  kind?: string;
  type?: string;
  ts_ms?: number;
  at_ms?: number;
  [k: string]: unknown;
}

export interface Codes {
  not_ready_reasons: string[];
  dispositions: string[];
}
export interface CaseCategory {
  name: string;
  sla_hours?: number;
  default_priority?: string;
}

// Codes may be plain strings or objects naming a code.
export function codeOf(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return String(o.code ?? o.name ?? '');
  }
  return '';
}

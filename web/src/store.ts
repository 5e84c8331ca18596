// The page's state and the actions that change it. One store, read by the views
// through useApp(); every change goes through set() so the views re-render.
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import type { AgentView, CaseCategory, Codes, Contact, User } from './api';
import { applyLang, savedLang, type Lang } from './i18n';
import { Live, type LinkState, type LiveEvent, type Snapshot } from './live';

export interface Session {
  token: string;
  user: User;
  tenant: string;
  role: string; // the user's role in that tenant: agent, supervisor or administrator
  agent: string; // the agent login in that tenant ('' for a supervisor who takes no calls)
}

export interface AppState {
  lang: Lang;
  session: Session | null;
  pendingUser: { token: string; user: User } | null; // signed in, tenant not chosen yet
  loginError: string | null; // a catalogue key or a message
  loginErrorVars?: Record<string, string | number>;
  link: LinkState;
  retryAt: number | null;
  agent: AgentView | null;
  contact: Contact | null; // the contact in progress
  lastContact: Contact | null; // the contact being wrapped up
  codes: Codes;
  categories: CaseCategory[];
  viewedCustomer: string | null; // id of the customer shown (screen pop or search)
  viewedCase: string | null; // reference of the case shown
  notice: { kind: 'info' | 'error'; text: string } | null;
}

const SESSION_KEY = 'plateau.session';
const DEFAULT_REASONS = ['break', 'lunch', 'training', 'meeting', 'admin'];

function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return s && s.token && s.tenant ? { ...s, role: s.role ?? 'agent', agent: s.agent ?? '' } : null;
  } catch {
    return null;
  }
}

function saveSession(s: Session | null): void {
  try {
    if (s) sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    /* not kept: a reload asks to sign in again */
  }
}

let state: AppState = {
  lang: savedLang(),
  session: null,
  pendingUser: null,
  loginError: null,
  link: 'connecting',
  retryAt: null,
  agent: null,
  contact: null,
  lastContact: null,
  codes: { not_ready_reasons: DEFAULT_REASONS, dispositions: [] },
  categories: [],
  viewedCustomer: null,
  viewedCase: null,
  notice: null,
};
const listeners = new Set<() => void>();

export function getState(): AppState {
  return state;
}

export function set(patch: Partial<AppState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export function useApp(): AppState {
  const [, force] = useState(0);
  useEffect(() => {
    const l = () => force((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return state;
}

// ---- language ----

export function setLang(lang: Lang): void {
  applyLang(lang);
  set({ lang });
}

// ---- session ----

let live: Live | null = null;
let pollTimer: number | undefined;

export function boot(): void {
  applyLang(state.lang);
  api.setUnauthorizedHandler(() => endSession('session.expired'));
  const s = loadSession();
  if (s) startSession(s);
}

export async function signIn(login: string, password: string): Promise<void> {
  set({ loginError: null });
  const r = await api.post<api.LoginAnswer>('/api/v1/auth/login', { login, password });
  if (!r.ok) {
    if (r.error.status === 401) set({ loginError: 'login.bad_credentials', loginErrorVars: undefined });
    else if (r.error.status === 429) set({ loginError: 'login.throttled', loginErrorVars: { s: r.error.retryAfter ?? 60 } });
    else set({ loginError: 'login.failed', loginErrorVars: { msg: r.error.message || r.error.code } });
    return;
  }
  const { token, user } = r.data;
  const working = user.memberships.filter((m) => m.agent);
  if (user.memberships.length === 1 || working.length === 1) {
    const m = working[0] ?? user.memberships[0];
    chooseTenant({ token, user }, m.tenant);
    return;
  }
  set({ pendingUser: { token, user } });
}

export function chooseTenant(p: { token: string; user: User }, tenant: string): void {
  const m = p.user.memberships.find((x) => x.tenant === tenant);
  if (!m) return;
  if (!m.agent && m.role === 'agent') {
    set({ loginError: 'login.no_agent', loginErrorVars: { tenant } });
    return;
  }
  set({ pendingUser: null });
  startSession({ token: p.token, user: p.user, tenant, role: m.role, agent: m.agent });
}

function startSession(s: Session): void {
  saveSession(s);
  api.setToken(s.token);
  set({ session: s, loginError: null, agent: null, contact: null, lastContact: null, notice: null });
  live?.stop();
  live = null;
  window.clearInterval(pollTimer);
  if (!s.agent) {
    // A supervisor without an agent login: no desktop; each page keeps its own live link.
    set({ link: 'online', retryAt: null });
    return;
  }
  void refreshAgent();
  void loadCodes();
  live = new Live(() => s.token, [`agent:${s.tenant}:${s.agent}`], {
    onEvent: onLiveEvent,
    onSnapshot: onLiveSnapshot,
    onConnected: () => void refreshAgent(),
    onLinkState: (link, retryAt) => set({ link, retryAt }),
  });
  live.start();
  // While the live link is down, the REST state is read every few seconds instead.
  pollTimer = window.setInterval(() => {
    if (state.link !== 'online') void refreshAgent();
  }, 3000);
}

export async function signOut(): Promise<void> {
  await api.post('/api/v1/auth/logout');
  endSession(null);
}

function endSession(reason: 'session.expired' | null): void {
  live?.stop();
  live = null;
  window.clearInterval(pollTimer);
  api.setToken('');
  saveSession(null);
  set({
    session: null,
    pendingUser: null,
    agent: null,
    contact: null,
    lastContact: null,
    viewedCustomer: null,
    viewedCase: null,
    loginError: reason,
    loginErrorVars: undefined,
  });
}

// ---- agent state ----

function agentPath(suffix = ''): string {
  const s = state.session!;
  return `/api/v1/agents/${api.enc(s.tenant)}/${api.enc(s.agent)}${suffix}`;
}

// Reads the agent's true state (and its contact) over REST.
export async function refreshAgent(): Promise<void> {
  const s = state.session;
  if (!s || !s.agent) return;
  let r = await api.get<AgentView>(agentPath());
  if (!r.ok && (r.error.status === 404 || r.error.status === 405)) {
    // A server without the per-agent resource: the agent in the list of its tenant.
    const all = await api.get<{ agents: AgentView[] }>(`/api/v1/agents?tenant=${api.enc(s.tenant)}`);
    if (all.ok) {
      const a = all.data.agents.find((x) => x.login === s.agent);
      r = a ? { ok: true, data: a } : r;
    }
  }
  if (!r.ok || state.session !== s) return;
  applyAgent(r.data as AgentView & Record<string, unknown>);
}

function applyAgent(a: Partial<AgentView> & Record<string, unknown>): void {
  const prev = state.agent;
  const agent: AgentView = {
    tenant: a.tenant ?? prev?.tenant ?? state.session?.tenant ?? '',
    login: a.login ?? prev?.login ?? state.session?.agent ?? '',
    name: a.name ?? prev?.name,
    phone: a.phone ?? prev?.phone,
    state: String(a.state ?? prev?.state ?? 'logged_out'),
    reason: a.reason ?? '',
    pending: a.pending ?? '',
    state_since_ms: Number(a.state_since_ms ?? a.since_ms ?? prev?.state_since_ms ?? Date.now()),
    call: a.call,
  };
  const patch: Partial<AppState> = { agent };
  if ('contact' in a) {
    // The contact of the agent's view: offered, connected... or the one being wrapped up (ended).
    const c = (a.contact as (Contact & { state?: string }) | null) ?? null;
    if (c && c.call_id) {
      const known = c.status ?? (c.state && !['new', 'queued'].includes(c.state) ? c.state : undefined);
      const status = known ?? (agent.state === 'reserved' ? 'offered' : 'connected');
      if (status === 'ended' || status === 'transferred') {
        patch.contact = null;
        patch.lastContact = { ...c, status: 'ended' };
      } else {
        patch.contact = { ...c, status };
      }
    } else {
      patch.contact = null;
    }
  } else if (!['reserved', 'busy'].includes(agent.state)) {
    patch.contact = null; // no call: nothing stays "in call"
  }
  if (patch.contact) patch.lastContact = patch.contact;
  if (agent.state !== 'wrap_up' && !patch.contact && state.agent?.state === 'wrap_up') patch.lastContact = null;
  set(patch);
  // The customer of the contact, or of the one being wrapped up (a page opened during wrap-up).
  popCustomerFor(patch.contact ?? (agent.state === 'wrap_up' ? (patch.lastContact ?? null) : null));
}

async function loadCodes(): Promise<void> {
  const s = state.session!;
  const r = await api.get<Record<string, unknown[]>>(`/api/v1/tenants/${api.enc(s.tenant)}/codes`);
  if (r.ok) {
    set({
      codes: {
        not_ready_reasons: (r.data.not_ready_reasons ?? []).map(api.codeOf).filter(Boolean),
        dispositions: (r.data.dispositions ?? []).map(api.codeOf).filter(Boolean),
      },
    });
  }
  const c = await api.get<CaseCategory[] | { categories: CaseCategory[] }>(
    `/api/v1/tenants/${api.enc(s.tenant)}/case-categories`,
  );
  if (c.ok) set({ categories: Array.isArray(c.data) ? c.data : (c.data.categories ?? []) });
}

export async function agentCommand(cmd: 'login' | 'logout' | 'ready' | 'not-ready' | 'end-wrap-up', body?: unknown): Promise<boolean> {
  const r = await api.post(agentPath(`/${cmd}`), body);
  if (!r.ok) {
    set({ notice: { kind: 'error', text: r.error.message || r.error.code } });
    return false;
  }
  set({ notice: null });
  await refreshAgent();
  return true;
}

// ---- call control ----

const AFTER: Record<string, string> = {
  answer: 'connected',
  hold: 'held',
  retrieve: 'connected',
  conference: 'conferenced',
  'cancel-transfer': 'connected',
};

export async function callCommand(action: string, body?: unknown): Promise<boolean> {
  const r = await api.post(agentPath(`/call/${action}`), body);
  if (!r.ok) {
    set({ notice: { kind: 'error', text: r.error.message || r.error.code } });
    return false;
  }
  set({ notice: null });
  const c = state.contact;
  if (c) {
    let status = AFTER[action];
    if (action === 'transfer') status = (body as { mode?: string })?.mode === 'consult' ? 'consulting' : 'ended';
    if (action === 'hangup' || action === 'complete-transfer') status = 'ended';
    if (status) set({ contact: { ...c, status }, lastContact: { ...c, status } });
    if (action === 'pause-recording' || action === 'resume-recording') {
      const paused = { ...c, recording_paused: action === 'pause-recording' };
      set({ contact: paused, lastContact: paused });
    }
  }
  return true;
}

// ---- live events ----

function contactOf(data: Record<string, unknown>): Contact | null {
  const c = data.contact as Contact | undefined;
  return c && c.call_id ? c : null;
}

const CONTACT_STATUS: Record<string, string> = {
  'contact.offered.v1': 'offered',
  'contact.connected.v1': 'connected',
  'contact.held.v1': 'held',
  'contact.retrieved.v1': 'connected',
  'contact.consulting.v1': 'consulting',
  'contact.conferenced.v1': 'conferenced',
};

function onLiveEvent(ev: LiveEvent): void {
  const d = ev.data ?? {};
  if (ev.name === 'agent.state_changed.v1') {
    const { agent: _login, ...change } = d;
    applyAgent({ ...state.agent, ...change, state_since_ms: Number(d.since_ms ?? ev.ts_ms ?? Date.now()) } as AgentView &
      Record<string, unknown>);
    return;
  }
  if (ev.name in CONTACT_STATUS) {
    const c = contactOf(d) ?? state.contact;
    if (!c) return;
    const contact = { ...state.contact, ...c, status: CONTACT_STATUS[ev.name] };
    set({ contact, lastContact: contact });
    popCustomerFor(contact);
    return;
  }
  if (ev.name === 'contact.recording_paused.v1' || ev.name === 'contact.recording_resumed.v1') {
    const c = state.contact;
    if (!c || (contactOf(d) && contactOf(d)!.call_id !== c.call_id)) return;
    const contact = { ...c, recording_paused: ev.name === 'contact.recording_paused.v1' };
    set({ contact, lastContact: contact });
    return;
  }
  if (ev.name === 'contact.transferred.v1' || ev.name === 'contact.ended.v1') {
    const c = contactOf(d) ?? state.contact;
    // A consultation that ends leaves the first call in place.
    if (c && state.contact && c.call_id !== state.contact.call_id) return;
    set({ contact: null, lastContact: c ? { ...state.lastContact, ...c, status: 'ended' } : state.lastContact });
    return;
  }
  if (ev.name === 'wrapup.started.v1') {
    const c = contactOf(d);
    if (c) {
      set({ lastContact: { ...c, status: 'ended' } });
      popCustomerFor(c);
    }
    return;
  }
  if (ev.name === 'wrapup.ended.v1') set({ lastContact: null });
}

function onLiveSnapshot(s: Snapshot): void {
  // An agent topic's state: {tenant, agent: <login>, state, reason, pending, since_ms, contact | null}.
  const st = s.state ?? {};
  const nested = typeof st.agent === 'object' && st.agent !== null ? (st.agent as Record<string, unknown>) : null;
  const view = nested ?? st;
  const contact = (st.contact ?? view.contact ?? null) as Contact | null;
  const { agent: _login, ...rest } = view;
  applyAgent({ ...rest, contact } as AgentView & Record<string, unknown>);
}

// ---- screen pop ----

let poppedFor = '';
function popCustomerFor(c: Contact | null): void {
  if (!c || c.call_id === poppedFor) return;
  poppedFor = c.call_id;
  const attached = c.attached ?? {};
  const id = c.customer_id || (typeof attached.customer_id === 'string' ? attached.customer_id : '');
  if (id) {
    set({ viewedCustomer: id });
    return;
  }
  if (c.caller) void popByPhone(c.caller, c.call_id);
}

async function popByPhone(phone: string, callId: string): Promise<void> {
  const found = await searchAll(phone);
  if (poppedFor !== callId) return;
  if (found.customers.length === 1) set({ viewedCustomer: found.customers[0].id });
  else set({ viewedCustomer: null });
}

export interface SearchResult {
  customers: api.Customer[];
  cases: api.Case[];
}

export async function searchAll(q: string): Promise<SearchResult> {
  const t = api.enc(state.session!.tenant);
  const r = await api.get<Partial<SearchResult>>(`/api/v1/customers/${t}/search?q=${api.enc(q)}`);
  if (r.ok) return { customers: r.data.customers ?? [], cases: r.data.cases ?? [] };
  // A server without the search endpoint: the customer list's own look-ups.
  const key = /^\+?[0-9 .-]{6,}$/.test(q) ? 'phone' : 'q';
  const old = await api.get<{ customers: api.Customer[] }>(`/api/v1/customers?tenant=${t}&${key}=${api.enc(q)}`);
  return { customers: old.ok ? old.data.customers : [], cases: [] };
}

export function showCustomer(id: string | null): void {
  set({ viewedCustomer: id });
}
export function showCase(ref: string | null): void {
  set({ viewedCase: ref });
}
export function notify(kind: 'info' | 'error', text: string): void {
  set({ notice: { kind, text } });
}

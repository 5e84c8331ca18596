// Supervisor actions from the wallboard: listen / whisper / barge on an agent's
// call (the monitor API) and force an agent's state. The supervisor's phone is
// remembered in this browser.
import * as api from '../../api';

export type MonitorMode = 'listen' | 'whisper' | 'barge';

export interface Monitor {
  id: string;
  call_id: string;
  mode: MonitorMode;
  login: string; // the agent whose call it is
}

const PHONE_KEY = 'plateau.wallboard.phone';

export function savedPhone(): string {
  try {
    return localStorage.getItem(PHONE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function savePhone(phone: string): void {
  try {
    localStorage.setItem(PHONE_KEY, phone);
  } catch {
    /* not remembered */
  }
}

// POST /api/v1/tenants/{t}/calls/{call_id}/monitor {mode, phone} -> 202 {monitor, call_id, mode}
export async function startMonitor(tenant: string, callId: string, mode: MonitorMode, phone: string) {
  return api.post<{ monitor: string; call_id: string; mode: MonitorMode }>(
    `/api/v1/tenants/${api.enc(tenant)}/calls/${api.enc(callId)}/monitor`,
    { mode, phone },
  );
}

// POST /api/v1/tenants/{t}/monitors/{id} {mode}: listen <-> whisper <-> barge without a new call.
export async function switchMonitor(tenant: string, id: string, mode: MonitorMode) {
  return api.post(`/api/v1/tenants/${api.enc(tenant)}/monitors/${api.enc(id)}`, { mode });
}

// DELETE /api/v1/tenants/{t}/monitors/{id}
export async function stopMonitor(tenant: string, id: string) {
  return api.api('DELETE', `/api/v1/tenants/${api.enc(tenant)}/monitors/${api.enc(id)}`);
}

export type ForcedState = 'ready' | 'not_ready' | 'logged_out';

// POST /api/v1/agents/{t}/{login}/force-state {state, reason}
export async function forceState(tenant: string, login: string, state: ForcedState, reason = '') {
  return api.post(`/api/v1/agents/${api.enc(tenant)}/${api.enc(login)}/force-state`, { state, reason });
}

// The reports page's data: GET /api/v1/tenants/{tenant}/reports/kpis (docs/REPORTS.md), its JSON shape, and
// what the charts derive from it (interval labels, average agents by state).
import { enc, get, type ApiResult } from '../../api';

export type Interval = '15m' | '30m' | 'hour' | 'day' | 'week' | 'month';
export const INTERVALS: Interval[] = ['15m', '30m', 'hour', 'day', 'week', 'month'];
export type SlVariant = 'sl_answered' | 'sl_strict' | 'sl_neutral' | 'sl_met' | 'sl_short_excluded';
export const SL_VARIANTS: SlVariant[] = ['sl_answered', 'sl_strict', 'sl_neutral', 'sl_met', 'sl_short_excluded'];
export const STATES = ['ready', 'reserved', 'busy', 'wrap_up', 'not_ready'] as const;
export type AgentStateName = (typeof STATES)[number];

export interface KpiFigures {
  queue?: string;
  agent?: string;
  offered: number;
  answered: number;
  answered_within: number;
  abandoned: number;
  abandoned_within?: number;
  short_abandoned?: number;
  sl_answered: number | null;
  sl_strict: number | null;
  sl_neutral: number | null;
  sl_met: number | null;
  sl_short_excluded: number | null;
  asa_s: number | null;
  aht_s: number | null;
  talk_s?: number | null;
  hold_s?: number | null;
  wrap_s?: number | null;
  handled?: number;
  abandon_rate: number | null;
  occupancy: number | null;
  utilisation?: number | null;
  ring_no_answer?: number;
  transfers?: number;
  staffed_agents?: number | null;
  state_s?: Partial<Record<AgentStateName, number>>;
  not_ready_s?: Record<string, number>;
}
export interface KpiRow extends KpiFigures {
  start: string; // local time with its offset, e.g. 2026-12-01T08:00:00+01:00
  start_ms: number;
}
export interface KpiReport {
  tenant: string;
  time_zone: string;
  from: string;
  to: string;
  interval: Interval;
  parameters: { sl_threshold_s: number; short_abandon_s?: number };
  formulas?: Record<string, string>;
  rows: KpiRow[];
  total: KpiFigures;
}

export interface KpiQuery {
  tenant: string;
  from: string;
  to: string;
  interval: Interval;
  queue: string; // '' = every queue (the tenant's figures)
  sl: number;
}

export function kpiPath(q: KpiQuery, extra = ''): string {
  const by = q.queue ? `by=queue&queue=${enc(q.queue)}` : 'by=tenant';
  return (
    `/api/v1/tenants/${enc(q.tenant)}/reports/kpis?from=${enc(q.from)}&to=${enc(q.to)}` +
    `&interval=${q.interval}&${by}&sl=${q.sl}${extra}`
  );
}

export const fetchKpis = (q: KpiQuery): Promise<ApiResult<KpiReport>> => get<KpiReport>(kpiPath(q));

const NOMINAL_S: Record<Interval, number> = { '15m': 900, '30m': 1800, hour: 3600, day: 86400, week: 604800, month: 0 };

// Seconds each row covers: its nominal length (a month: its days; a day across a clock change: the next
// row's start tells).
export function rowSeconds(rows: KpiRow[], interval: Interval): number[] {
  return rows.map((r, i) => {
    const next = rows.slice(i + 1).find((n) => n.start_ms > r.start_ms);
    if (interval === 'month') {
      const [y, m] = r.start.slice(0, 7).split('-').map(Number);
      return new Date(Date.UTC(y, m, 0)).getUTCDate() * 86400;
    }
    if ((interval === 'day' || interval === 'week') && next) return Math.round((next.start_ms - r.start_ms) / 1000);
    return NOMINAL_S[interval];
  });
}

// Agents on average in each state over a row (state seconds / row seconds).
export function agentsByState(row: KpiRow, seconds: number): Record<AgentStateName, number> {
  const out = {} as Record<AgentStateName, number>;
  for (const s of STATES) out[s] = seconds > 0 ? (row.state_s?.[s] ?? 0) / seconds : 0;
  return out;
}

// The label of a row's start in the tenant's zone, read from the local time the API gives.
export function startLabel(start: string, interval: Interval): string {
  const date = start.slice(0, 10);
  const time = start.slice(11, 16);
  if (interval === 'month') return start.slice(0, 7);
  if (interval === 'day' || interval === 'week') return date;
  return time;
}

// Today in the browser's calendar: YYYY-MM-DD.
export function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

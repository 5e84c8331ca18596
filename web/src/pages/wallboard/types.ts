// The wallboard snapshot (GET /api/v1/tenants/{t}/supervision, and the data of the
// CTI event supervision.snapshot.v1 on topic supervision:<tenant>; docs/SUPERVISION.md).

export type Level = 'ok' | 'amber' | 'red';

export interface QueueFigures {
  queue: string;
  name: string;
  waiting: number;
  ringing: number;
  callbacks: number;
  longest_wait_s: number;
  agents: Record<string, number>;
  offered: number;
  answered: number;
  abandoned: number;
  answered_within: number;
  abandoned_within: number;
  short_abandoned: number;
  service_level: number | null;
  service_level_formula: string;
  service_level_variant: string;
  sl_threshold_s: number;
  sl_target: number;
  asa_s: number | null;
  estimated_wait_s: number | null;
  levels: { waiting: Level; longest_wait: Level; service_level: Level; asa?: Level };
}

export interface AgentFigures {
  tenant: string;
  login: string;
  name: string;
  state: string;
  reason: string;
  pending?: string;
  since_ms: number;
  call_id: string;
  contact: { caller: string; queue: string } | null;
  handled: number;
  aht_s: number | null;
}

export interface Board {
  tenant: string;
  ts_ms: number;
  day_start_ms?: number;
  time_zone?: string;
  queues: QueueFigures[];
  agents: AgentFigures[];
}

export function isBoard(x: unknown): x is Board {
  return !!x && typeof x === 'object' && Array.isArray((x as Board).queues) && Array.isArray((x as Board).agents);
}

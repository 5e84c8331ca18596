// The quality API's shapes (docs/API.md "Recordings and quality") and the calls the page makes.
import { enc, get, getToken, post } from '../../api';

export interface Recording {
  call_id: string;
  start_ms: number;
  duration_ms: number;
  caller: string;
  queue: string;
  agent: string;
  customer_id: string;
  disposition: string;
  recording_paused_ms: number;
  recording_pauses: number;
  purged: boolean;
  audio: string;
}

export interface RecordingPage {
  total: number;
  limit: number;
  offset: number;
  recordings: Recording[];
}

export interface Criterion {
  id: string;
  labels: Record<string, string>;
  weight: number;
  max_score: number;
}

export interface Form {
  name: string;
  criteria: Criterion[];
}

export interface Evaluation {
  id: number;
  call_id: string;
  agent: string;
  form: string;
  evaluator: string;
  ts_ms: number;
  score: number;
  comment: string;
}

export interface ReportRow {
  start: string;
  agent: string;
  criterion: string;
  evaluations: number;
  mean: number;
}

export interface Report {
  interval: string;
  formula: string;
  criteria: { form: string; id: string; labels: Record<string, string> }[];
  rows: ReportRow[];
}

export interface SearchFilters {
  agent: string;
  queue: string;
  customer: string;
  disposition: string;
  from: string;
  to: string;
}

export const PAGE_SIZE = 20;

const base = (tenant: string) => `/api/v1/tenants/${enc(tenant)}`;

export function searchRecordings(tenant: string, f: SearchFilters, offset: number) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v.trim()) q.set(k, v.trim());
  q.set('limit', String(PAGE_SIZE));
  q.set('offset', String(offset));
  return get<RecordingPage>(`${base(tenant)}/recordings?${q.toString()}`);
}

// The <audio> element cannot send the Authorization header: the token goes as access_token (docs/API.md).
export function audioUrl(r: Recording, download = false): string {
  const q = new URLSearchParams({ access_token: getToken() });
  if (download) q.set('download', '1');
  return `${r.audio}?${q.toString()}`;
}

export const loadForms = (tenant: string) => get<{ forms: Form[] }>(`${base(tenant)}/evaluation-forms`);

export const saveEvaluation = (
  tenant: string,
  body: { call_id: string; form: string; scores: Record<string, number | null>; comment: string },
) => post<Evaluation>(`${base(tenant)}/evaluations`, body);

export const evaluationsOf = (tenant: string, callId: string) =>
  get<{ evaluations: Evaluation[] }>(`${base(tenant)}/evaluations?call=${enc(callId)}`);

export function loadReport(tenant: string, from: string, to: string, interval: string) {
  const q = new URLSearchParams({ interval });
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  return get<Report>(`${base(tenant)}/reports/quality?${q.toString()}`);
}

export function label(labels: Record<string, string>, lang: string, fallback: string): string {
  return labels[lang] ?? labels.fr ?? Object.values(labels)[0] ?? fallback;
}

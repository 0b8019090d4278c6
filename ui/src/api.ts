import type {
  Alert, CaptureFile, CaptureInterface, CaptureSettings, Explanation, FieldInfo, FilterError, FlowPage, FlowSort, PacketDetail,
  PacketSummary, ProcessPage, ProtocolStats, Status, StreamInfo, StreamTarget,
} from './types';

/**
 * An error the server explained: {@code error} names it, {@code detail} says what to do; a
 * display filter that does not compile also says where ({@code filter}).
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly error: string, readonly detail: string, readonly filter?: FilterError) {
    super(detail || error);
  }
}

/** A failure as one line for the page: the server's name for it and what to do. */
export function describeError(problem: unknown): string {
  return problem instanceof ApiError ? `${problem.error}: ${problem.detail}` : String(problem);
}

async function request<T>(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined || body instanceof Blob ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
      credentials: 'same-origin',
      ...init,
    });
  } catch {
    throw new ApiError(0, 'unreachable', 'The Tapdeck server cannot be reached; is it still running?');
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: reported below with the status line.
  }
  if (!response.ok) {
    const problem = json as (Partial<FilterError> & { detail?: string }) | null;
    const filter = problem && typeof problem.position === 'number' && typeof problem.filter === 'string'
      ? problem as FilterError : undefined;
    throw new ApiError(response.status, problem?.error ?? `HTTP ${response.status}`,
      problem?.detail ?? (text.slice(0, 200) || response.statusText), filter);
  }
  return json as T;
}

/** A page of /api/packets: every packet numbered from..to that passes the filter is in it. */
export interface PacketPage {
  oldest: number;
  newest: number;
  from: number;
  to: number;
  filter?: string;
  packets: PacketSummary[];
}

/** The first {@code limit} packets after frame {@code after}, or the last before frame {@code before}, that pass {@code filter}. */
export interface PageQuery {
  after?: number;
  before?: number;
  limit: number;
  filter: string;
}

/** What /api/filter/check says of a filter that compiles. */
export interface FilterCheck {
  filter: string;
  fields: string[];
}

const param = (name: string, value: string | number | undefined) =>
  value === undefined || value === '' ? [] : [`${name}=${encodeURIComponent(value)}`];

export const api = {
  interfaces: () => request<CaptureInterface[]>('GET', '/api/interfaces'),
  settings: () => request<CaptureSettings>('GET', '/api/capture/settings'),
  applySettings: (settings: Partial<CaptureSettings>) =>
    request<CaptureSettings>('POST', '/api/capture/settings', settings),
  start: () => request<unknown>('POST', '/api/capture/start'),
  stop: () => request<unknown>('POST', '/api/capture/stop'),
  status: () => request<Status>('GET', '/api/capture/status'),
  /** A page of summaries, forward from {@code after} or back from {@code before} (both exclusive). */
  packets: ({ after, before, limit, filter }: PageQuery) =>
    request<PacketPage>('GET', `/api/packets?${[...param('after', after), ...param('before', before), ...param('limit', limit),
      ...param('filter', filter)].join('&')}`),
  /** Whether a display filter compiles: an {@link ApiError} with {@code filter} when it does not. */
  checkFilter: (filter: string, init?: RequestInit) =>
    request<FilterCheck>('GET', `/api/filter/check?filter=${encodeURIComponent(filter)}`, undefined, init),
  /** Every field a display filter can name. */
  fields: () => request<FieldInfo[]>('GET', '/api/fields'),
  packet: (number: number) => request<PacketDetail>('GET', `/api/packets/${number}`),
  files: () => request<CaptureFile[]>('GET', '/api/files'),
  upload: (file: File) =>
    request<CaptureFile>('POST', `/api/files?name=${encodeURIComponent(file.name)}`, file),
  replay: (file: string, speed: number, loop: boolean) =>
    request<unknown>('POST', '/api/replay', { file, speed, loop }),
  pauseReplay: () => request<unknown>('POST', '/api/replay/pause'),
  resumeReplay: () => request<unknown>('POST', '/api/replay/resume'),
  stopReplay: () => request<unknown>('POST', '/api/replay/stop'),
  explain: (target: { packet: number } | { alert: number }) =>
    request<Explanation>('POST', '/api/ai/explain', target),
  alerts: () => request<Alert[]>('GET', '/api/alerts'),
  /** The flows, largest first by {@code sort}. */
  flows: (sort: FlowSort, offset: number, limit: number) =>
    request<FlowPage>('GET', `/api/flows?sort=${sort}&offset=${offset}&limit=${limit}`),
  protocolStats: () => request<ProtocolStats>('GET', '/api/stats/protocols'),
  /** The programs of the flows held now, most bytes first. */
  processes: () => request<ProcessPage>('GET', '/api/processes'),
  /** A stream with its segments numbered after {@code after}, at most {@code limit}. */
  stream: ({ proto, stream }: StreamTarget, after: number, limit: number) =>
    request<StreamInfo>('GET', `/api/streams/${stream}?proto=${proto}&after=${after}&limit=${limit}`),
  /** One side's bytes, in order. */
  streamPayload: async (target: StreamTarget, direction: 'client' | 'server'): Promise<Uint8Array> => {
    let response: Response;
    try {
      response = await fetch(streamPayloadUrl(target, direction), { credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'unreachable', 'The Tapdeck server cannot be reached; is it still running?');
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => null) as { error?: string; detail?: string } | null;
      throw new ApiError(response.status, problem?.error ?? `HTTP ${response.status}`, problem?.detail ?? response.statusText);
    }
    return new Uint8Array(await response.arrayBuffer());
  },
};

/** A stream's bytes as a download: one side's, or both in the order they were delivered. */
export const streamPayloadUrl = ({ proto, stream }: StreamTarget, direction?: 'client' | 'server') =>
  `/api/streams/${stream}/payload?proto=${proto}${direction ? `&direction=${direction}` : ''}`;

/** The packets from 5 s before to 5 s after an alert, as a pcapng file. */
export const alertPcapngUrl = (id: number) => `/api/alerts/${id}/pcapng`;

export const DOWNLOAD_URL = '/api/capture.pcapng';

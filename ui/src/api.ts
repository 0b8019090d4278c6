import type {
  Alert, CaptureFile, CaptureInterface, CaptureSettings, Explanation, FlowPage, FlowSort, PacketDetail, PacketSummary,
  ProtocolStats, Status,
} from './types';

/** An error the server explained: {@code error} names it, {@code detail} says what to do. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly error: string, readonly detail: string) {
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
    const problem = json as { error?: string; detail?: string } | null;
    throw new ApiError(response.status, problem?.error ?? `HTTP ${response.status}`,
      problem?.detail ?? (text.slice(0, 200) || response.statusText));
  }
  return json as T;
}

export interface PacketPage {
  oldest: number;
  newest: number;
  packets: PacketSummary[];
}

export const api = {
  interfaces: () => request<CaptureInterface[]>('GET', '/api/interfaces'),
  settings: () => request<CaptureSettings>('GET', '/api/capture/settings'),
  applySettings: (settings: Partial<CaptureSettings>) =>
    request<CaptureSettings>('POST', '/api/capture/settings', settings),
  start: () => request<unknown>('POST', '/api/capture/start'),
  stop: () => request<unknown>('POST', '/api/capture/stop'),
  status: () => request<Status>('GET', '/api/capture/status'),
  /** Summaries after frame {@code after} (exclusive), at most {@code limit}. */
  packets: (after: number, limit: number) =>
    request<PacketPage>('GET', `/api/packets?after=${after}&limit=${limit}`),
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
};

/** The packets from 5 s before to 5 s after an alert, as a pcapng file. */
export const alertPcapngUrl = (id: number) => `/api/alerts/${id}/pcapng`;

export const DOWNLOAD_URL = '/api/capture.pcapng';

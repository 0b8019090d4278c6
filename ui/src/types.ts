/** The shapes the server sends: packet summaries, decoded packets, status and stream messages. */

export interface PacketSummary {
  'frame.number': number;
  'frame.time_epoch': number;
  /** Seconds since the first packet of the capture or replay. */
  time: number;
  source: string;
  destination: string;
  protocol: string;
  length: number;
  info: string;
}

export interface DetailNode {
  name: string;
  label: string;
  value: string | null;
  offset: number;
  length: number;
  children: DetailNode[];
}

export interface PacketDetail {
  'frame.number': number;
  summary: PacketSummary;
  layers: DetailNode[];
  /** The captured bytes, in hex. */
  bytes: string;
}

export interface InterfaceAddress {
  address: string;
  netmask: string | null;
}

export interface CaptureInterface {
  name: string;
  description: string | null;
  addresses: InterfaceAddress[];
  up: boolean;
  running: boolean;
  loopback: boolean;
  wireless: boolean;
  linkType: number;
}

export interface CaptureSettings {
  interface: string;
  filter: string;
  snaplen: number;
  promiscuous: boolean;
}

export interface SourceStatus {
  running: boolean;
  interface: string | null;
  filter: string | null;
  linkType: number;
  packets: number;
  bytes: number;
  packetsPerSecond: number;
  bytesPerSecond: number;
  kernelDrops: number;
  ringDrops: number;
  lastPacketTime: string | null;
  startTime: string | null;
  stopTime: string | null;
  error: string | null;
  paused?: boolean;
}

export interface PreflightCheck {
  name: string;
  ok: boolean;
  result: string;
  fix: string | null;
}

export interface Status {
  source: 'capture' | 'replay' | null;
  capture: SourceStatus;
  replay: SourceStatus;
  history: { newest: number; packets: number; oldest: number };
  clients: number;
  captureReady?: boolean;
  checks?: PreflightCheck[];
}

export interface CaptureFile {
  id: string;
  name: string;
  format: string;
  packets: number;
  bytes: number;
}

/** An anomaly the server's detectors raised: why, with the numbers and the packets behind it. */
export interface Alert {
  id: string;
  detector: string;
  severity: 'info' | 'warning' | 'critical' | string;
  time: string;
  message: string;
  packets: number[];
  [detail: string]: unknown;
}

export interface Explanation {
  text: string;
  source: string;
}

export type StreamMessage =
  | { type: 'packets'; packets: PacketSummary[]; count: number; handled: number }
  | { type: 'dropped'; count: number; total: number }
  | ({ type: 'status' } & Status)
  | { type: 'reset'; source: string }
  | ({ type: 'alert' } & Alert);

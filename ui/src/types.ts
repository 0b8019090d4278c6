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
  /** The flow the packet belongs to (GET /api/flows); absent for packets without IP. */
  flow?: number;
  /** Wireshark's stream index of the packet's TCP or UDP conversation; absent for other packets. */
  'tcp.stream'?: number;
  'udp.stream'?: number;
  /** The program the packet belonged to, when known (a live capture's flow, or a recording's comment). */
  process?: ProcessRef;
}

/** A program as the server names it; what the OS did not say is absent. A packet summary has the pid and name only. */
export interface ProcessRef {
  pid: number;
  name?: string;
  cmdline?: string;
  user?: string;
  container?: string;
}

/** One program's share of the flows held now (GET /api/processes). */
export interface ProgramTraffic {
  process: ProcessRef;
  flows: number;
  packets: number;
  bytes: number;
  /** Over its flows' span, first packet to last. */
  bytesPerSecond: number;
  /** Epoch seconds. */
  firstSeen: number;
  lastSeen: number;
}

/** GET /api/processes: the programs, most bytes first, and how many flows were and were not attributed. */
export interface ProcessPage {
  attributedFlows: number;
  unattributedFlows: number;
  processes: ProgramTraffic[];
}

/** A TCP or UDP stream, as display filters name it: tcp.stream eq 3. */
export interface StreamTarget {
  proto: 'tcp' | 'udp';
  stream: number;
}

/** One side of a stream: the client sent the stream's first packet. */
export interface StreamSide {
  address: string;
  port: number;
  packets: number;
  /** Bytes on the wire. */
  bytes: number;
  /** Payload bytes delivered in order, and bytes never captured. */
  payload: number;
  missing: number;
  /** Payload bytes the server keeps (fewer once it ran out of room). */
  kept: number;
  /** The frame that ended this side (FIN or RST), or null. */
  end: number | null;
}

/** What the reassembler delivered, in order: bytes, a gap of bytes never captured, or the end of a side. */
export interface StreamSegment {
  n: number;
  direction: 'client' | 'server';
  kind: 'data' | 'gap' | 'end';
  /** Where the segment starts in its side's bytes (gaps counted). */
  offset: number;
  length: number;
  frame: number;
  /** Seconds since 1970. */
  time: number;
}

/** GET /api/streams/{n}: a stream with a page of its segments. */
export interface StreamInfo extends StreamTarget {
  client: StreamSide;
  server: StreamSide;
  firstFrame: number;
  lastFrame: number;
  firstTime: number;
  lastTime: number;
  /** Its bytes were dropped to make room for newer streams. */
  emptied: boolean;
  /** It outgrew the room left, and the rest of it was not kept. */
  truncated: boolean;
  segmentCount: number;
  from: number;
  to: number;
  segments: StreamSegment[];
}

export interface DetailNode {
  name: string;
  label: string;
  value: string | null;
  offset: number;
  length: number;
  /** True for a node that is there for display filters only (http.request), which Wireshark does not show. */
  hidden?: boolean;
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

/**
 * The figures behind an alert; which ones a detector sends depends on the detector (a rate
 * spike has a mean and a z-score, a port scan a count and a threshold).
 */
export interface AlertNumbers {
  observed?: number;
  mean?: number;
  stddev?: number;
  z?: number;
  threshold?: number;
  /** Seconds the detector looked back over. */
  window?: number;
  [name: string]: number | undefined;
}

/** An anomaly the server's detectors raised: why, with the numbers and the packets behind it. */
export interface Alert {
  id: number;
  /** rate-spike, syn-flood, port-scan, new-talker, dns-nxdomain, dns-long-name or dns-random-name. */
  detector: string;
  severity: 'info' | 'warning' | 'critical';
  /** ISO-8601. */
  time: string;
  message: string;
  numbers: AlertNumbers;
  hosts: string[];
  ports: number[];
  /** Frame numbers. */
  packets: number[];
}

export type TcpState = 'NONE' | 'SYN_SENT' | 'SYN_RECEIVED' | 'ESTABLISHED' | 'CLOSING' | 'CLOSED' | 'RESET';

/** A conversation between two endpoints, counted in each direction; the initiator sent first. */
export interface Flow {
  id: number;
  protocol: string;
  /** The 802.1Q VLAN id; -1 when the packets carry no tag (0, a priority tag, is no VLAN either). */
  vlan: number;
  initiator: string;
  initiatorPort: number;
  responder: string;
  responderPort: number;
  initiatorPackets: number;
  initiatorBytes: number;
  responderPackets: number;
  responderBytes: number;
  packets: number;
  bytes: number;
  /** Epoch seconds. */
  firstSeen: number;
  lastSeen: number;
  /** Seconds. */
  duration: number;
  tcpState: TcpState;
  /** The program that opened the flow (or owned its local end), when known. */
  process?: ProcessRef;
}

/** The orders the server sorts flows in, each descending. */
export type FlowSort = 'bytes' | 'packets' | 'last';

export interface FlowPage {
  total: number;
  started: number;
  expired: number;
  untracked: number;
  flows: Flow[];
}

/** One protocol in the hierarchy, e.g. path "eth:ethertype:ip:tcp", depth 3. */
export interface ProtocolCount {
  path: string;
  protocol: string;
  depth: number;
  packets: number;
  bytes: number;
}

export interface Talker {
  address: string;
  packetsSent: number;
  bytesSent: number;
  packetsReceived: number;
  bytesReceived: number;
  flows: number;
}

export interface ProtocolStats {
  packets: number;
  bytes: number;
  /** Depth first, as in Wireshark's Protocol Hierarchy. */
  protocols: ProtocolCount[];
  topTalkers: Talker[];
}

export interface Explanation {
  text: string;
  source: string;
}

/** A field a display filter can name, as /api/fields lists it. */
export interface FieldInfo {
  name: string;
  /** As tshark -G fields names it: FT_UINT16, FT_STRING, FT_PROTOCOL… */
  type: string;
  label: string;
  protocol: string;
  description: string;
  /** Names of values, by the value in decimal. */
  values?: Record<string, string>;
}

/** A display filter that does not compile: tshark's message and where in the filter the fault is. */
export interface FilterError {
  error: string;
  /** The message, the filter, and a caret line under the fault. */
  detail: string;
  filter: string;
  /** 0-based; -1 when the fault has no place. */
  position: number;
  length: number;
}

/** What this page's own display filter did to the stream, in each status message. */
export interface StreamCounts {
  filter: string;
  matched: number;
  filtered: number;
  dropped: number;
  /** The last frame the stream has passed on, filtered out or dropped. */
  through: number;
}

export type StreamMessage =
  | { type: 'packets'; packets: PacketSummary[]; count: number; handled: number }
  | { type: 'dropped'; count: number; total: number; from: number; to: number }
  | ({ type: 'status'; stream?: StreamCounts } & Status)
  | { type: 'filter'; filter: string; from: number }
  | ({ type: 'filter-error' } & FilterError)
  | { type: 'error'; error: string; detail: string }
  | { type: 'reset'; source: string }
  | ({ type: 'alert' } & Alert)
  | { type: 'follow'; proto?: 'tcp' | 'udp'; stream: number | null }
  | { type: 'streamData'; proto: 'tcp' | 'udp'; stream: number; segmentCount: number };

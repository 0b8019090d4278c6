import type { Alert, DetailNode, FieldInfo, Flow } from './types';

/** The characters of a field name: tcp.flags.syn, _ws.malformed, ieee8021ad.id. */
const NAME_CHAR = /[A-Za-z0-9_.-]/;

/** Field names offered for the word being typed, and the part of the text they replace. */
export interface Completion {
  start: number;
  end: number;
  fields: FieldInfo[];
}

/**
 * The fields whose names start with the word at {@code caret} (from its start to the caret),
 * in name order, at most {@code limit}; null where there is nothing to offer: no word, a
 * number or a quoted string, or a word that already is the one field it could be.
 */
export function completeField(fields: readonly FieldInfo[], text: string, caret: number, limit = 50): Completion | null {
  let start = caret;
  while (start > 0 && NAME_CHAR.test(text[start - 1])) start--;
  let end = caret;
  while (end < text.length && NAME_CHAR.test(text[end])) end++;
  const word = text.slice(start, caret);
  if (!/^[A-Za-z_]/.test(word) || insideString(text, start)) return null;
  const matches = fields.filter((field) => field.name.startsWith(word));
  if (!matches.length || (matches.length === 1 && matches[0].name === text.slice(start, end))) return null;
  matches.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { start, end, fields: matches.slice(0, limit) };
}

/** True when {@code at} lies inside a quoted string of the filter. */
function insideString(text: string, at: number): boolean {
  let inside = false;
  for (let i = 0; i < at; i++) {
    if (text[i] === '\\' && inside) i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}

/** The text with a completion accepted, and where the caret goes: after the name. */
export function acceptCompletion(text: string, completion: Completion, name: string): { text: string; caret: number } {
  return { text: text.slice(0, completion.start) + name + text.slice(completion.end), caret: completion.start + name.length };
}

export const MAX_RECENT = 10;
const RECENT_KEY = 'tapdeck.recentFilters';

/** The recent filters with {@code filter} first, each once, at most {@code max}. */
export function addRecent(recent: readonly string[], filter: string, max = MAX_RECENT): string[] {
  const text = filter.trim();
  if (!text) return [...recent];
  return [text, ...recent.filter((item) => item !== text)].slice(0, max);
}

/** The recent filters kept in {@code storage}; none when it holds nothing usable. */
export function loadRecent(storage: Storage): string[] {
  try {
    const stored: unknown = JSON.parse(storage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((item): item is string => typeof item === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function saveRecent(storage: Storage, recent: readonly string[]) {
  try {
    storage.setItem(RECENT_KEY, JSON.stringify(recent));
  } catch {
    // Storage full or refused (a private window): the list lives as long as the page.
  }
}

/** A string literal of the filter language: quotes and stray backslashes escaped. */
export function quoteString(value: string): string {
  // A backslash already starting one of the language's escapes (the tree shows \r\n so) stays.
  return `"${value.replace(/\\(?![\\"abfnrtv0-7x])/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Types whose values the filter language takes as they are shown: numbers, addresses, times. */
const BARE_TYPES = /^FT_(U?INT\d+|BOOLEAN|FRAMENUM|IPv4|IPv6|ETHER|RELATIVE_TIME|FLOAT|DOUBLE|CHAR)$/;

/**
 * What Wireshark's "Apply as Filter" makes of a line of the detail tree: {@code name == value}
 * with the value written for the field's type (strings quoted, bytes as colon-separated hex),
 * the bare name for a protocol or a line without a value; null for a line with no field name.
 * {@code field} is the registry's entry for the name, when it has one.
 */
export function filterForField(node: Pick<DetailNode, 'name' | 'value'>, field: FieldInfo | undefined): string | null {
  if (!node.name) return null;
  const type = field?.type;
  if (node.value === null || type === 'FT_PROTOCOL' || type === 'FT_NONE') return node.name;
  return `${node.name} == ${filterValue(node.value, type)}`;
}

function filterValue(value: string, type: string | undefined): string {
  if (type === 'FT_BYTES') {
    return /^([0-9a-fA-F]{2})+$/.test(value) ? value.match(/../g)!.join(':') : value;
  }
  if (type === undefined ? /^[0-9A-Fa-fx.:/-]+$/.test(value) : BARE_TYPES.test(type)) return value;
  return quoteString(value);
}

/** {@code ip.addr == 10.0.0.1} or {@code ipv6.addr == 2001:db8::1}. */
function addressTest(address: string, side = 'addr'): string {
  return `${address.includes(':') ? 'ipv6' : 'ip'}.${side} == ${address}`;
}

/** Ports an alert's filter names; more are the alert itself (a scan's ports), not a narrowing. */
const MAX_ALERT_PORTS = 10;

/**
 * The display filter for an alert's "Show packets": the host it is about (its first), the
 * ports it names when they are few, and the frames it counted, first to last.
 */
export function alertFilter(alert: Pick<Alert, 'hosts' | 'ports' | 'packets'>): string {
  const terms: string[] = [];
  if (alert.hosts.length) terms.push(addressTest(alert.hosts[0]));
  if (alert.ports.length && alert.ports.length <= MAX_ALERT_PORTS) {
    const ports = alert.ports.length === 1 ? ` == ${alert.ports[0]}` : ` in {${alert.ports.join(', ')}}`;
    terms.push(`(tcp.port${ports} || udp.port${ports})`);
  }
  if (alert.packets.length) {
    terms.push(`frame.number >= ${Math.min(...alert.packets)} && frame.number <= ${Math.max(...alert.packets)}`);
  }
  return terms.join(' && ');
}

/** The display filter for a flow's packets, as Wireshark's Conversations make it: both ends, both ports. */
export function flowFilter(flow: Pick<Flow, 'protocol' | 'vlan' | 'initiator' | 'initiatorPort' | 'responder' | 'responderPort'>): string {
  const terms = [addressTest(flow.initiator), addressTest(flow.responder)];
  const transport = flow.protocol.toLowerCase();
  if (transport === 'tcp' || transport === 'udp') {
    terms.push(`${transport}.port == ${flow.initiatorPort}`, `${transport}.port == ${flow.responderPort}`);
  } else if (transport === 'icmp' || transport === 'icmpv6') {
    terms.push(transport);
  }
  if (flow.vlan > 0) terms.push(`vlan.id == ${flow.vlan}`);
  return terms.join(' && ');
}

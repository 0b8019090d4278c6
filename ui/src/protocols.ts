/**
 * The colour family of a protocol column value, after Wireshark's default colouring rules:
 * one family per kind of traffic, so a glance tells web from name lookups from errors.
 */
export function protocolFamily(protocol: string): string {
  const name = protocol.toUpperCase();
  if (name.startsWith('TLS') || name.startsWith('SSL')) return 'tls';
  if (name.startsWith('HTTP')) return 'http';
  if (name === 'DNS' || name === 'MDNS' || name === 'LLMNR') return 'dns';
  if (name.startsWith('ICMP')) return 'icmp';
  if (name === 'ARP') return 'arp';
  if (name === 'TCP') return 'tcp';
  if (name === 'UDP') return 'udp';
  return 'other';
}

/**
 * Wireshark's "Bad TCP" colouring rule (tcp.analysis.flags && !tcp.analysis.window_update &&
 * !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack), read from the marks the server puts
 * in front of the info column for what TCP analysis found, as Wireshark's info column has them.
 */
export function isBadTcp(info: string): boolean {
  for (const mark of info.match(/^(\[TCP [^\]]*\] )+/)?.[0].split('] ') ?? []) {
    if (mark && !/^\[TCP (Window Update|Keep-Alive|Keep-Alive ACK)$/.test(mark)) return true;
  }
  return false;
}

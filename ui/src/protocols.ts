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

#!/usr/bin/env bash
# Makes dpkt-http.pcap.tsv: for each display filter below, the frames tshark 4.0.17 selects in
# the corpus's dpkt-http.pcap (through /work/shared/tools/filter-oracle.sh), as
# FILTER<TAB>FRAMES (comma-separated, empty for none). ServerFilterTest checks the server's
# filtered history and stream against it. dpkt-http.pcap.analysis.tsv does the same for filters
# over what TCP sequence analysis finds (tcp.analysis.*), with tshark's default analysis on and
# everything else as filter-oracle.sh sets it. Run from this folder: ./make-expected.sh
set -euo pipefail
oracle=../../../../../../shared/tools/filter-oracle.sh
capture=../../../../../../shared/corpus/dpkt-http.pcap
filters=(
  'tcp.port == 80'
  'http'
  'http.request'
  'tcp.flags.syn == 1 && tcp.flags.ack == 0'
  'ip.src == 65.208.228.223 && tcp.len > 0'
  'udp || frame.len > 1400'
  '!http'
  'frame.time_relative >= 2 && frame.time_relative < 4.5'
  'ip.addr == 10.0.0.0/8'
  'tcp.stream eq 1'
  '!(tcp.stream eq 0)'
  'udp.stream == 0 || tcp.stream in {2}'
)
for filter in "${filters[@]}"; do
  printf '%s\t%s\n' "$filter" "$("$oracle" "$capture" "$filter" | paste -sd, -)"
done > dpkt-http.pcap.tsv

# filter-oracle.sh's preferences, but for tcp.analyze_sequence_numbers, left at tshark's default (on).
analysis_filters=(
  'tcp.analysis.flags'
  'tcp.analysis.duplicate_ack_num == 1'
  'tcp.analysis.spurious_retransmission'
  'tcp.analysis.ack_rtt > 0.5'
  'tcp.analysis.bytes_in_flight >= 1380 && tcp.len < 1380'
  'tcp.analysis.acks_frame == 6'
  'tcp.analysis.flags && tcp.stream == 1'
)
config_dir=$(mktemp -d); trap 'rm -rf "$config_dir"' EXIT
for filter in "${analysis_filters[@]}"; do
  frames=$(WIRESHARK_CONFIG_DIR="$config_dir" tshark -r "$capture" -n -o tcp.relative_sequence_numbers:FALSE \
    -o tcp.desegment_tcp_streams:FALSE -o ip.defragment:FALSE -o ipv6.defragment:FALSE \
    -o tls.desegment_ssl_records:FALSE -o tls.desegment_ssl_application_data:FALSE \
    -o http.desegment_headers:FALSE -o http.desegment_body:FALSE -o dns.desegment_dns_messages:FALSE \
    --disable-heuristic dns_udp -Y "$filter" -T fields -e frame.number 2>/dev/null | paste -sd,)
  printf '%s\t%s\n' "$filter" "$frames"
done > dpkt-http.pcap.analysis.tsv

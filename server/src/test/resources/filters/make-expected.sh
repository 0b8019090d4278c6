#!/usr/bin/env bash
# Makes dpkt-http.pcap.tsv: for each display filter below, the frames tshark 4.0.17 selects in
# the corpus's dpkt-http.pcap (through /work/shared/tools/filter-oracle.sh), as
# FILTER<TAB>FRAMES (comma-separated, empty for none). ServerFilterTest checks the server's
# filtered history and stream against it. Run from this folder: ./make-expected.sh
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

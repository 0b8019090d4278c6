#!/usr/bin/env bash
# make-expected.sh - tshark's TCP analysis of every corpus capture with TCP, for
# TcpAnalysisConformanceTest, so that the test needs no tshark.
#
# Usage: make-expected.sh [CORPUS_DIR]
#   CORPUS_DIR defaults to ../shared/corpus beside the repository.
#
# For every capture in CORPUS_DIR whose FILE.expected.jsonl has a TCP segment, and for the
# captures beside this script (made by make-zero-window.py), writes FILE.tsv beside itself: tshark -T fields with a header line, every occurrence joined by ',', for
# FIELDS below, with tshark's defaults (stateful: sequence analysis on, TCP desegmentation and
# IP reassembly on) except
#   -n                                   no name resolution
#   tcp.relative_sequence_numbers:FALSE  absolute numbers, as Tapdeck prints them
#   tcp.calculate_timestamps:TRUE        tcp.time_relative and tcp.time_delta
#   WIRESHARK_CONFIG_DIR=<empty dir>     personal preferences and profiles are ignored
# tshark 4.0 shows pcapng Custom Blocks as frames; they are dropped and the frames after them
# renumbered, as in ../conformance/make-expected.sh (none of the captures with TCP has one).
#
# Reference version: TShark (Wireshark) 4.0.17.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
FIELDS=(
  frame.number tcp.stream tcp.analysis tcp.analysis.flags
  tcp.analysis.retransmission tcp.analysis.fast_retransmission tcp.analysis.spurious_retransmission
  tcp.analysis.out_of_order tcp.analysis.lost_segment tcp.analysis.ack_lost_segment
  tcp.analysis.duplicate_ack tcp.analysis.duplicate_ack_num tcp.analysis.duplicate_ack_frame
  tcp.analysis.zero_window tcp.analysis.zero_window_probe tcp.analysis.zero_window_probe_ack
  tcp.analysis.window_full tcp.analysis.window_update tcp.analysis.keep_alive tcp.analysis.keep_alive_ack
  tcp.analysis.acks_frame tcp.analysis.ack_rtt tcp.analysis.bytes_in_flight tcp.analysis.push_bytes_sent
  tcp.analysis.initial_rtt tcp.analysis.rto tcp.analysis.rto_frame tcp.time_relative tcp.time_delta
  _ws.col.Info
)

corpus=${1:-$(git -C "$here" rev-parse --show-toplevel)/../shared/corpus}
corpus=$(cd "$corpus" && pwd)
command -v tshark >/dev/null || { echo "make-expected.sh: tshark not found" >&2; exit 69; }
config_dir=$(mktemp -d); trap 'rm -rf "$config_dir"' EXIT
export WIRESHARK_CONFIG_DIR="$config_dir"
args=(); for f in "${FIELDS[@]}"; do args+=(-e "$f"); done

rm -f "$here"/*.pcap.tsv
for capture in "$corpus"/*.expected.jsonl "$here"/*.pcap; do
  if [[ $capture == *.expected.jsonl ]]; then
    grep -q '"tcp.srcport"' "$capture" || continue
    capture=${capture%.expected.jsonl}
  fi
  name=$(basename "$capture")
  if tshark -r "$capture" -Y frame.cb_pen -T fields -e frame.number 2>/dev/null | grep -q .; then
    echo "make-expected.sh: $name has custom blocks, which this script does not renumber" >&2; exit 1
  fi
  tshark -r "$capture" -n -o tcp.relative_sequence_numbers:FALSE -o tcp.calculate_timestamps:TRUE \
    -T fields -E header=y -E separator=/t -E occurrence=a -E aggregator=, "${args[@]}" \
    2> >(grep -v '^Running as user "root"' >&2) > "$here/$name.tsv" || true
  printf '%-50s %5d packets\n' "$name" "$(($(wc -l < "$here/$name.tsv") - 1))"
done

#!/usr/bin/env bash
# make-numbering.sh - tshark's tcp.stream and udp.stream of every packet of every corpus
# capture, for StreamNumberingTest, so that the test needs no tshark.
#
# Usage: make-numbering.sh [CORPUS_DIR]   (default: ../shared/corpus beside the repository)
#
# For each capture with a FILE.expected.jsonl it writes numbering/FILE.tsv beside itself: one
# line per packet, tcp.stream TAB udp.stream (empty where tshark has none), as
#   ../tools/filter-oracle.sh FILE -e frame.cb_pen -e tcp.stream -e udp.stream
# prints them, with the preferences of that script (no reassembly, no sequence analysis).
# As in conformance/make-expected.sh of the app module, pcapng Custom Blocks, which tshark
# 4.0 shows as frames (with frame.cb_pen), are dropped: they are not packets.
#
# tshark's default preferences give the same numbering on every capture of the corpus but
# those whose IP fragments tshark reassembles by default (it then decodes the transport
# header on the last fragment, not the first); the script says so for each where they differ.
#
# Reference version: TShark (Wireshark) 4.0.17.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:-$(git -C "$here" rev-parse --show-toplevel)/../shared/corpus}
corpus=$(cd "$corpus" && pwd)
oracle=$corpus/../tools/filter-oracle.sh
[[ -x $oracle ]] || { echo "make-numbering.sh: no $oracle" >&2; exit 64; }
command -v tshark >/dev/null || { echo "make-numbering.sh: tshark not found" >&2; exit 69; }
config=$(mktemp -d); trap 'rm -rf "$config"' EXIT
mkdir -p "$here/numbering"
rm -f "$here"/numbering/*.tsv
for expected in "$corpus"/*.expected.jsonl; do
  capture=${expected%.expected.jsonl}
  name=$(basename "$capture")
  "$oracle" "$capture" -e frame.cb_pen -e tcp.stream -e udp.stream 2>/dev/null |
    awk -F '\t' -v OFS='\t' '$1 == "" { print $2, $3 }' > "$here/numbering/$name.tsv" || true
  defaults=$(WIRESHARK_CONFIG_DIR=$config tshark -r "$capture" -T fields -E separator=/t \
    -E occurrence=a -E aggregator=, -e frame.cb_pen -e tcp.stream -e udp.stream 2>/dev/null |
    awk -F '\t' -v OFS='\t' '$1 == "" { print $2, $3 }' || true)
  if [[ $defaults != "$(cat "$here/numbering/$name.tsv")" ]]; then
    echo "$name: tshark's default preferences number it differently"
  fi
done
echo "$(ls "$here"/numbering/*.tsv | wc -l) captures"

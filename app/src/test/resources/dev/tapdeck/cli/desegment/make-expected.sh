#!/usr/bin/env bash
# make-expected.sh - tshark's packet list of every TCP frame of every corpus capture with TCP,
# with its default TCP desegmentation, for DesegmentConformanceTest, so that the test needs no
# tshark: CAPTURE.tsv.gz beside this script, -T fields with a header line for
#   frame.number frame.protocols _ws.col.Protocol _ws.col.Info
# with tshark's default preferences (TCP desegmentation, HTTP, TLS and DNS reassembly, sequence
# analysis, IP reassembly all on) except
#   -n                                   no name resolution
#   tcp.relative_sequence_numbers:FALSE  absolute numbers, as Tapdeck prints them
#   WIRESHARK_CONFIG_DIR=<empty dir>     personal preferences and profiles are ignored
# and only the frames with TCP (-Y tcp). Compressed with gzip -n (no name or time inside, so a
# run that changes nothing changes no file).
#
# Usage: make-expected.sh [CORPUS_DIR]
#   CORPUS_DIR defaults to ../shared/corpus beside the repository.
#
# Reference version: TShark (Wireshark) 4.0.17.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
FIELDS=(frame.number frame.protocols _ws.col.Protocol _ws.col.Info)

corpus=${1:-$(git -C "$here" rev-parse --show-toplevel)/../shared/corpus}
corpus=$(cd "$corpus" && pwd)
command -v tshark >/dev/null || { echo "make-expected.sh: tshark not found" >&2; exit 69; }
config_dir=$(mktemp -d); trap 'rm -rf "$config_dir"' EXIT
export WIRESHARK_CONFIG_DIR="$config_dir"
args=(); for f in "${FIELDS[@]}"; do args+=(-e "$f"); done

rm -f "$here"/*.tsv.gz
for expected in "$corpus"/*.expected.jsonl; do
  grep -q '"tcp.srcport"' "$expected" || continue
  capture=${expected%.expected.jsonl}
  name=$(basename "$capture")
  if tshark -r "$capture" -Y frame.cb_pen -T fields -e frame.number 2>/dev/null | grep -q .; then
    echo "make-expected.sh: $name has custom blocks, which tshark counts as frames and Tapdeck does not" >&2; exit 1
  fi
  tshark -r "$capture" -n -o tcp.relative_sequence_numbers:FALSE -Y tcp \
    -T fields -E header=y -E separator=/t "${args[@]}" \
    2> >(grep -v '^Running as user "root"' >&2) | gzip -n > "$here/$name.tsv.gz" || true
  printf '%-50s %5d frames\n' "$name" "$(($(gzip -dc "$here/$name.tsv.gz" | wc -l) - 1))"
done

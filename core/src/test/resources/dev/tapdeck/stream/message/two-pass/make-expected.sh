#!/usr/bin/env bash
# make-expected.sh - what tshark shows of HTTP's links between frames when it reads a capture
# twice (tshark -2, default desegmentation), into one CAPTURE.tsv beside this script per
# capture (of the corpus and of ../messages) with HTTP over TCP: a line per TCP frame,
# frame.number then the FIELDS below as -T fields prints them. For TwoPassMatchesTsharkTest:
# CI has no tshark. Reference version: TShark (Wireshark) 4.0.17.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=$(cd "$here/../../../../../../../../../../shared/corpus" && pwd)
command -v tshark >/dev/null || { echo "make-expected.sh: tshark not found" >&2; exit 69; }
FIELDS=(http.request_in http.response_in http.prev_request_in http.next_request_in http.prev_response_in http.next_response_in)
export WIRESHARK_CONFIG_DIR=$(mktemp -d); trap 'rm -rf "$WIRESHARK_CONFIG_DIR"' EXIT
find "$here" -name "*.tsv" ! -name exceptions.tsv -delete
for capture in "$corpus"/*.pcap "$corpus"/*.pcapng "$here"/../messages/*.pcapng; do
  name=$(basename "$capture")
  found=$(tshark -r "$capture" -n -Y 'http && tcp' -T fields -e frame.number 2>/dev/null | head -1 || true)
  [ -n "$found" ] || continue
  { tshark -2 -r "$capture" -n -Y tcp -T fields -E separator=/t -E occurrence=a -E aggregator=, -e frame.number \
      $(printf -- '-e %s ' "${FIELDS[@]}") 2>/dev/null || true; } > "$here/$name.tsv"
done
printf '%s\n' "${FIELDS[@]}" > "$here/fields.txt"

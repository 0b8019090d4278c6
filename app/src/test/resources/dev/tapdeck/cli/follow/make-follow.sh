#!/usr/bin/env bash
# make-follow.sh - what tshark's -z follow prints for every TCP and UDP stream with payload
# of every corpus capture, in each mode, for FollowConformanceTest (which needs no tshark).
#
# Usage: make-follow.sh [CORPUS_DIR]   (default: ../shared/corpus beside the repository)
#
# For each capture with a FILE.expected.jsonl and streams with payload it writes beside itself
#   FILE.streams       the -z arguments, one a line: follow,tcp,MODE,N for every tcp.stream N
#                      with a segment of payload (tcp.len > 0), then follow,udp,MODE,N for every
#                      udp.stream N with a datagram of payload (udp.length > 8), then the first
#                      TCP stream with payload again as follow,tcp,MODE,ADDRESS:PORT,ADDRESS:PORT
#                      (its first segment's source and destination); MODE stands for the mode
#   FILE.MODE.sha256   for MODE ascii, hex, raw and yaml, what the standard output of
#                        tshark -r FILE -q -z follow,...,MODE,N -z ...   (every line of FILE.streams)
#                      holds, stream by stream (tshark prints them in the reverse order of the
#                      arguments): one line per stream, the SHA-256 of its text, its length in
#                      bytes and its Filter: line; the whole output is 50 MB, too much to keep
#   FILE.MODE.txt      that standard output itself, where it is under 16 kB, for the test to
#                      show a difference line by line
# A stream's text runs from the blank line before its ===... line to its closing ===... line
# (ascii, hex, raw), or from its "peers:" line to the next one (yaml).
# tshark runs with its default preferences (an empty configuration folder), as a user runs
# it; unlike oracle.sh's, they reassemble IP fragments, which Tapdeck does not do
# (follow-exceptions.txt lists the streams that shows in).
#
# Reference version: TShark (Wireshark) 4.0.17.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:-$(git -C "$here" rev-parse --show-toplevel)/../shared/corpus}
corpus=$(cd "$corpus" && pwd)
command -v tshark >/dev/null || { echo "make-follow.sh: tshark not found" >&2; exit 69; }
config=$(mktemp -d); trap 'rm -rf "$config"' EXIT
export WIRESHARK_CONFIG_DIR=$config
rm -f "$here"/*.streams "$here"/*.sha256 "$here"/*.ascii.txt "$here"/*.hex.txt "$here"/*.raw.txt "$here"/*.yaml.txt
out=$(mktemp); trap 'rm -rf "$config" "$out"' EXIT
# digest FILE.MODE: the text on stdin, stream by stream, as FILE.MODE.sha256
digest() {
  python3 -c '
import hashlib, re, sys
text = sys.stdin.buffer.read()
yaml = sys.argv[1].endswith(".yaml")
starts = [m.start() for m in re.finditer(rb"^peers:\n" if yaml else rb"\n=+\nFollow: ", text, re.M)]
with open(sys.argv[1] + ".sha256", "w") as out:
    for i, start in enumerate(starts):
        block = text[start:starts[i + 1] if i + 1 < len(starts) else len(text)]
        name = re.search(rb"^Filter: (.*)$", block, re.M)
        lines = block.decode("latin-1").split("\n")
        label = name.group(1).decode() if name else lines[2].strip() + " " + lines[3].strip()
        out.write("%s\t%d\t%s\n" % (hashlib.sha256(block).hexdigest(), len(block), label))
' "$1"
}
for expected in "$corpus"/*.expected.jsonl; do
  capture=${expected%.expected.jsonl}
  name=$(basename "$capture")
  {
    tshark -r "$capture" -Y 'tcp.len > 0' -T fields -e tcp.stream 2>/dev/null | sort -un | sed 's/^/follow,tcp,MODE,/'
    tshark -r "$capture" -Y 'udp.length > 8' -T fields -e udp.stream 2>/dev/null | sort -un | sed 's/^/follow,udp,MODE,/'
    # the first TCP stream with payload once more, named by its two ends
    tshark -r "$capture" -Y 'tcp.len > 0' -T fields -e ip.src -e ipv6.src -e tcp.srcport -e ip.dst -e ipv6.dst -e tcp.dstport \
      2>/dev/null | head -1 | awk -F '\t' 'NF >= 6 && $3 !~ /,/ {
        if ($1 != "") print "follow,tcp,MODE," $1 ":" $3 "," $4 ":" $6
        else print "follow,tcp,MODE,[" $2 "]:" $3 ",[" $5 "]:" $6 }'
  } > "$here/$name.streams" || true
  if [[ ! -s $here/$name.streams ]]; then
    rm -f "$here/$name.streams"
    continue
  fi
  for mode in ascii hex raw yaml; do
    args=()
    while read -r z; do args+=(-z "${z/MODE/$mode}"); done < "$here/$name.streams"
    tshark -r "$capture" -q "${args[@]}" > "$out" 2>/dev/null || true
    digest "$here/$name.$mode" < "$out"
    if [[ $(stat -c %s "$out") -lt 16384 ]]; then
      cp "$out" "$here/$name.$mode.txt"
    fi
  done
  printf '%-50s %4d streams\n' "$name" "$(wc -l < "$here/$name.streams")"
done

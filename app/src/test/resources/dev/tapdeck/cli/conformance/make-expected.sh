#!/usr/bin/env bash
# make-expected.sh - tshark's answers for the display-filter and -T fields conformance tests
# (FilterConformanceTest, FieldsConformanceTest), so that the tests need no tshark.
#
# Usage: make-expected.sh [-j JOBS] [CORPUS_DIR]
#   CORPUS_DIR defaults to ../shared/corpus beside the repository. Runs JOBS captures at a
#   time (default 2). Takes about a quarter of an hour on two cores.
#
# For every capture in CORPUS_DIR (those with a FILE.expected.jsonl) it writes, beside itself:
#   frames/FILE.tsv  one line per filter of CORPUS_DIR/filters.txt, in its order:
#                    FILTER<TAB>FRAMES, where FRAMES are the frame numbers that
#                    ../tools/filter-oracle.sh FILE 'FILTER' prints, as ranges (1-3,7; empty
#                    when none match). When tshark exits with a non-zero status (a filter it
#                    refuses, a file cut short) a third column follows: "exit N: " and its
#                    message, lines joined by a literal \n.
#   fields/FILE.tsv.gz  ../tools/filter-oracle.sh FILE -e F1 -e F2 ... -E header=y: tshark's
#                    -T fields output (tab-separated, every occurrence, joined by ','), with a
#                    header line, for FIELDS below and every field that filters.txt names;
#                    gzip-compressed (gzip -n, so a rerun gives the same bytes): 20 MB as text.
#   fields/FILE.stderr  only when that run exits non-zero: "exit N", then tshark's message.
#
# One change to tshark's output, the rule ../tools/oracle.sh follows too: tshark 4.0 shows
# pcapng Custom Blocks as frames (they carry frame.cb_pen); they are not packets, so they are
# dropped and the packets after them renumbered (in FRAMES and in the frame.number column),
# as a reader that skips them numbers packets. A filter that depends on frame numbers
# (frame.number <= 10) can therefore still differ there; the tests' exceptions say so.
#
# Reference version: TShark (Wireshark) 4.0.17.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
self="$here/$(basename "$0")"

# The fields of ../tools/oracle.sh, in its order; its "link" is Tapdeck's own, not tshark's.
FIELDS=(
  frame.number frame.time_epoch frame.len frame.cap_len frame.encap_type frame.protocols
  eth.src eth.dst vlan.id ieee8021ad.id
  ip.version ip.hdr_len ip.len ip.id ip.flags.df ip.flags.mf ip.frag_offset ip.ttl ip.proto ip.src ip.dst
  ipv6.version ipv6.plen ipv6.nxt ipv6.hlim ipv6.src ipv6.dst ipv6.fraghdr.offset ipv6.fraghdr.more
  tcp.srcport tcp.dstport tcp.seq tcp.ack tcp.hdr_len tcp.flags tcp.window_size_value tcp.len
  udp.srcport udp.dstport udp.length icmp.type icmp.code icmpv6.type icmpv6.code
  arp.opcode arp.src.proto_ipv4 arp.dst.proto_ipv4
  dns.id dns.flags.response dns.qry.name tls.handshake.extensions_server_name
  http.request.method http.request.uri http.response.code _ws.malformed _ws.short
)

if [[ ${1:-} == --one ]]; then
  # Worker: one capture. $2 capture path, $3 filters file, $4 file of field names.
  capture=$2 filters=$3
  mapfile -t fields < "$4"
  name=$(basename "$capture")
  cd "$(dirname "$capture")" # tshark's messages name the file as given: by its name alone
  oracle=$(cd ../tools && pwd)/filter-oracle.sh
  # tshark's frame number -> packet number (0 for a custom block).
  renumber=$(mktemp); trap 'rm -f "$renumber"' EXIT
  "$oracle" "$name" 'frame.cb_pen' 2>/dev/null > "$renumber" || true
  as_packets() { # tshark frame numbers on stdin -> ranges of packet numbers
    awk -v blocks="$renumber" '
      BEGIN { while ((getline f < blocks) > 0) custom[f] = 1 }
      { n = $1; if (n in custom) next
        below = 0; for (f in custom) if (f + 0 < n) below++
        print n - below }' |
    awk 'BEGIN { ORS = "" }
      { if (NR == 1) { print $1; first = last = $1 }
        else if ($1 == last + 1) last = $1
        else { if (last > first) print "-" last; print "," $1; first = last = $1 } }
      END { if (NR > 0 && last > first) print "-" last }'
  }
  # ask_tshark ARGS...: filter-oracle.sh's output on stdout, its message in $msg, its status
  # in $status. The message passes through a process substitution that may not have written
  # it yet when the script ends: a failure without a message is asked again.
  ask_tshark() {
    local attempt
    for attempt in 1 2 3; do
      status=0
      "$oracle" "$name" "$@" > "$msg.out" 2> "$msg" || status=$?
      [[ $status -eq 0 || -s $msg ]] && break
      sleep 1
    done
    cat "$msg.out"
  }
  out="$here/frames/$name.tsv"
  msg="$out.msg"
  : > "$out"
  while IFS= read -r filter; do
    [[ -z $filter || $filter == \#* ]] && continue
    status=0
    frames=$(ask_tshark "$filter"; exit "$status") || status=$?
    printf '%s\t%s' "$filter" "$(printf '%s\n' "$frames" | grep . | as_packets)" >> "$out"
    if [[ $status -ne 0 ]]; then
      printf '\texit %d: %s' "$status" "$(awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }' "$msg")" >> "$out"
    fi
    printf '\n' >> "$out"
  done < "$filters"

  out="$here/fields/$name"
  rm -f "$out.stderr"
  args=(); for f in "${fields[@]}"; do args+=(-e "$f"); done
  ask_tshark "${args[@]}" -E header=y > "$out.raw"
  # Drop custom blocks (row = tshark frame + 1 for the header); frame.number is the first column.
  awk -F '\t' -v OFS='\t' -v blocks="$renumber" '
    BEGIN { while ((getline f < blocks) > 0) custom[f + 1] = 1 }
    NR == 1 { print; next }
    (NR in custom) { next }
    { $1 = ++packet; print }' "$out.raw" | gzip -n -9 > "$out.tsv.gz"
  if [[ $status -ne 0 ]]; then
    { echo "exit $status"; cat "$msg"; } > "$out.stderr"
  fi
  rm -f "$out.raw" "$msg" "$msg.out"
  printf '%-50s %3d filters, %5d packets, exit %d\n' "$name" "$(wc -l < "$here/frames/$name.tsv")" \
    "$(($(gzip -dc "$out.tsv.gz" | wc -l) - 1))" "$status"
  exit 0
fi

jobs=2
if [[ ${1:-} == -j ]]; then jobs=$2; shift 2; fi
corpus=${1:-$(git -C "$here" rev-parse --show-toplevel)/../shared/corpus}
corpus=$(cd "$corpus" && pwd)
[[ -f $corpus/filters.txt && -x $corpus/../tools/filter-oracle.sh ]] ||
  { echo "make-expected.sh: no filters.txt and ../tools/filter-oracle.sh at $corpus" >&2; exit 64; }
command -v tshark >/dev/null || { echo "make-expected.sh: tshark not found" >&2; exit 69; }

# Every field or protocol that a filter names: its words that tshark knows as fields, with
# quoted strings and byte or address literals (ff:ff:ff, fe80::/10, [0:3]) left out first.
known=$(mktemp); fieldlist=$(mktemp); trap 'rm -f "$known" "$fieldlist"' EXIT
tshark -G fields 2>/dev/null | cut -f3 | sort -u > "$known"
{
  printf '%s\n' "${FIELDS[@]}"
  grep -v '^#' "$corpus/filters.txt" | sed -E 's/"([^"\\]|\\.)*"//g; s/[0-9A-Fa-f]*:[0-9A-Fa-f:.\/]*//g' |
    grep -oE '[A-Za-z_][A-Za-z0-9_.]*' | grep -Fxf "$known"
} | awk '!seen[$0]++' > "$fieldlist"

mkdir -p "$here/frames" "$here/fields"
rm -f "$here"/frames/*.tsv "$here"/fields/*.tsv "$here"/fields/*.stderr
for f in "$corpus"/*.expected.jsonl; do printf '%s\0' "${f%.expected.jsonl}"; done |
  xargs -0 -P "$jobs" -I{} "$self" --one {} "$corpus/filters.txt" "$fieldlist" | sort

#!/usr/bin/env bash
# make-tshark-fields.sh - tshark's glossary lines (tshark -G fields) for every field and
# protocol Tapdeck's registry declares, into tshark-fields.tsv beside this script, for
# FieldRegistryTest: CI has no tshark. Run it from anywhere after changing the registry;
# it lists the registry's names with the checkout's own "tapdeck fields". tshark-fields-newer.tsv
# (fields of later Wireshark versions than the reference) is kept by hand.
# Reference version: TShark (Wireshark) 4.0.17.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../../../.." && pwd)
command -v tshark >/dev/null || { echo "make-tshark-fields.sh: tshark not found" >&2; exit 69; }
names=$(mktemp); trap 'rm -f "$names"' EXIT
"$root/tapdeck" fields | cut -f3 > "$names"
# tshark prints one line per name (the first registration of a name shared by several).
tshark -G fields 2> >(grep -v '^Running as user "root"' >&2) \
  | awk -F'\t' 'NR == FNR { wanted[$1]; next } ($1 == "F" || $1 == "P") && ($3 in wanted) && !seen[$3]++' "$names" - \
  > "$here/tshark-fields.tsv"
# The fields Tapdeck's own stream decoders add to a protocol (resp.command), its process
# fields (proc.*), and the packet list's columns (_ws.col.Info, which tshark's -e takes but
# -G fields does not list), which no Wireshark glossary has: their lines as the registry lists
# them, into tapdeck-fields.tsv, which the registry test holds them to.
{ "$root/tapdeck" fields resp; "$root/tapdeck" fields proc; "$root/tapdeck" fields _ws.col; } | awk -F'\t' 'NR == FNR { known[$3]; next } !($3 in known)' "$here/tshark-fields.tsv" - \
  > "$here/tapdeck-fields.tsv"

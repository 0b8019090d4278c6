#!/usr/bin/env bash
# record-tshark.sh - records what tshark 4.0.17 says about the filters of this folder, for
# tests that run where there is no tshark (CI):
#   bad-filters.txt  -> bad-filters.expected   tshark's message for each filter it refuses
#   good-filters.txt -> good-filters.expected  the frames each filter selects from the
#                                              captures listed in captures.txt, concatenated
#                                              in that order (mergecap -a), one line a filter
# Each .expected entry is "### FILTER" and then tshark's answer: its message as printed
# (without "tshark: " and without the note about capture filters), or the frame numbers
# separated by spaces.
#
# Usage: record-tshark.sh [SHARED_DIR]   (default: ../../shared from the core module, i.e. /work/shared)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${1:-$here/../../../../../../../../shared}
oracle=$shared/tools/filter-oracle.sh
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

captures=()
while IFS= read -r capture; do
  [[ -z $capture || $capture == \#* ]] || captures+=("$shared/corpus/$capture")
done < "$here/captures.txt"
mergecap -a -w "$work/merged.pcapng" "${captures[@]}"

answer() { # FILTER -> tshark's answer on the merged capture
  local err
  # stderr through the substitution, so that it is read to its end (the oracle filters it in a subshell)
  if err=$("$oracle" "$work/merged.pcapng" "$1" 2>&1 >"$work/out"); then
    tr '\n' ' ' <"$work/out" | sed 's/ *$//'
    printf '\n'
  else
    sed -e 's/^tshark: //' -e '/^ *Note: That read filter code/,$d' -e '/^$/d' <<<"$err"
  fi
}

record() { # INPUT OUTPUT
  : > "$2"
  while IFS= read -r filter; do
    [[ -z $filter || $filter == \#* ]] && continue
    { printf '### %s\n' "$filter"; answer "$filter"; } >> "$2"
  done < "$1"
}

record "$here/bad-filters.txt" "$here/bad-filters.expected"
record "$here/good-filters.txt" "$here/good-filters.expected"

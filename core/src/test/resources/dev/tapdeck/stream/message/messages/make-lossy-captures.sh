#!/usr/bin/env bash
# make-lossy-captures.sh - captures with lost segments, for each stream protocol's behaviour
# after a gap (a message starts at the first segment after the hole, as tshark starts a new
# PDU there), made from captures without loss by deleting segments with editcap:
#   lost-http.pcapng   dpkt-http.pcap without frame 10 (inside a long response body: the
#                      response is lost, the stream goes on) and frame 26 (the first segment
#                      of the second stream's response, its header: the rest is no message)
#   lost-resp.pcapng   redis.pcapng without frame 14 (inside the SET of a long value) and
#                      frame 29 (the first segment of the long GET reply)
# Run it from anywhere; then make-expected.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=$(cd "$here/../../../../../../../../../../shared/corpus" && pwd)
editcap -F pcapng "$corpus/dpkt-http.pcap" "$here/lost-http.pcapng" 10 26
editcap -F pcapng "$here/redis.pcapng" "$here/lost-resp.pcapng" 14 29

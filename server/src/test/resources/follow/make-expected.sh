#!/usr/bin/env bash
# Makes CAPTURE.PROTO.N.txt: tshark 4.0.17's `-q -z follow,PROTO,raw,N` of every TCP and UDP
# stream of the captures below, from the corpus beside the repository. ServerStreamsTest
# replays each capture and holds GET /api/streams/N/payload to these bytes: each line one
# delivered chunk in hex, the server's lines indented by a tab. Run from this folder: ./make-expected.sh
set -euo pipefail
corpus=../../../../../../shared/corpus
captures=(dpkt-http.pcap dpkt-nb6-http.pcap pcpp-tls.pcap)
rm -f ./*.txt
for capture in "${captures[@]}"; do
  for proto in tcp udp; do
    for stream in $(tshark -r "$corpus/$capture" -T fields -e "$proto.stream" 2>/dev/null | grep . | sort -nu); do
      tshark -r "$corpus/$capture" -q -z "follow,$proto,raw,$stream" 2>/dev/null > "$capture.$proto.$stream.txt"
    done
  done
done

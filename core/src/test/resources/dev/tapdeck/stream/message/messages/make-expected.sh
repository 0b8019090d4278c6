#!/usr/bin/env bash
# make-expected.sh - what tshark shows of HTTP, TLS and DNS-over-TCP messages with its
# default TCP desegmentation (tcp.desegment_tcp_streams, and TLS, HTTP, DNS and RESP reassembly,
# all on), into one CAPTURE.tsv beside this script per corpus capture that has any: a line
# per TCP frame, frame.number then the FIELDS below, as -T fields prints them (every
# occurrence, joined by commas). For the message tests: CI has no tshark. Single pass, as
# Tapdeck reads (so http.response_in, known only after the response, is always empty).
# Run it from anywhere. Reference version: TShark (Wireshark) 4.0.17.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=$(cd "$here/../../../../../../../../../../shared/corpus" && pwd)
command -v tshark >/dev/null || { echo "make-expected.sh: tshark not found" >&2; exit 69; }
FIELDS=(tcp.stream tcp.segment tcp.segment.count tcp.reassembled.length
  http.request.method http.request.uri http.request.version http.response.code http.response.phrase
  http.content_length http.content_type http.host http.request_in http.response_in http.time
  http.request.full_uri http.prev_request_in http.prev_response_in http.request_number http.response_number
  tls.record.content_type tls.record.opaque_type tls.record.length tls.handshake.type tls.handshake.length tls.handshake.certificates_length tls.handshake.certificate_length tls.handshake.version tls.handshake.extensions_server_name
  tls.handshake.ciphersuite tls.handshake.extensions_alpn_str tls.handshake.ja3 tls.handshake.ja3_full
  dns.length dns.id dns.flags.response dns.qry.name dns.count.answers dns.a
  resp.string resp.error resp.integer resp.array.length resp.bulk_string.length)
export WIRESHARK_CONFIG_DIR=$(mktemp -d); trap 'rm -rf "$WIRESHARK_CONFIG_DIR"' EXIT
find "$here" -name "*.tsv" ! -name exceptions.tsv -delete
# The corpus, and redis.pcapng beside this script (made by make-redis-capture.sh).
for capture in "$corpus"/*.pcap "$corpus"/*.pcapng "$here"/*.pcapng; do
  name=$(basename "$capture")
  # Only captures where tshark finds a message of these protocols over TCP.
  found=$(tshark -r "$capture" -n -Y '(http || tls || dns || resp) && tcp' -T fields -e frame.number 2>/dev/null | head -1 || true)
  [ -n "$found" ] || continue
  { tshark -r "$capture" -n -o tcp.relative_sequence_numbers:FALSE -Y tcp \
      -T fields -E separator=/t -E occurrence=a -E aggregator=, -e frame.number \
      $(printf -- '-e %s ' "${FIELDS[@]}") 2>/dev/null || true; } > "$here/$name.tsv"
done
printf '%s\n' "${FIELDS[@]}" > "$here/fields.txt"

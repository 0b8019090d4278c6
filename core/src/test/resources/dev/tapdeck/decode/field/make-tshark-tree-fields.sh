#!/usr/bin/env bash
# make-tshark-tree-fields.sh - the values tshark gives a chosen set of detail-tree fields in
# every packet of the corpus, into tshark-tree-fields.jsonl.gz beside this script, for
# TreeFieldsMatchTsharkTest: CI has no tshark. One line per packet that has any of them:
#   {"file": "dpkt-http.pcap", "frame": 4, "fields": {"http.host": ["www.ethereal.com"], ...}}
# Decoding is filter-oracle.sh's (stateless: no reassembly, no sequence analysis, -n, DNS
# only on its ports). The pcapng files whose Custom Blocks tshark counts as frames
# (pcapng-gen-le-test018, -le-test102, -le-test202, -be-test102) are left out, as their
# numbering differs.
# Usage: make-tshark-tree-fields.sh [CORPUS_DIR]   (default: the shared corpus beside the checkout)
# Reference version: TShark (Wireshark) 4.0.17. Needs tshark and python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:-$(cd "$here/../../../../../../../.." && pwd)/../shared/corpus}
# Fields the JSON export already compares with tshark (ip.src, tcp.seq...) are not repeated here.
fields=(http.request http.response ip.cur_rt ip.dsfield.dscp
  ip.opt.type ipv6.tclass.dscp ipv6.hopopts.nxt ipv6.fraghdr.ident tcp.checksum
  tcp.option_kind tcp.option_len tcp.options.mss_val tcp.options.wscale.shift tcp.options.sack_le
  tcp.options.timestamp.tsval udp.length icmp.ident icmp.seq icmpv6.echo.identifier arp.hw.type
  arp.src.hw_mac vlan.priority sll.pkttype null.family llc.dsap
  dns.qry.type dns.qry.class dns.qry.name.len dns.count.labels dns.count.answers dns.flags.rcode dns.flags.opcode
  dns.resp.name dns.resp.type dns.resp.class dns.resp.ttl dns.resp.len dns.a dns.aaaa dns.cname dns.ns
  dns.ptr.domain_name dns.mx.mail_exchange dns.soa.mname dns.srv.target dns.txt
  tls.record.content_type tls.record.version tls.handshake.type tls.handshake.extension.type
  tls.handshake.extensions_server_name_len
  http.host http.user_agent http.content_type http.content_length http.request.version http.response.phrase
  _ws.expert.message _ws.expert.severity _ws.expert.group
  tcp.connection.syn tcp.connection.synack tcp.connection.fin tcp.connection.rst tcp.short_segment
  tcp.urgent_pointer.non_zero http.chat ip.bogus_ip_length ip.bogus_ip_version ip.ttl.too_small ip.ttl.lncb
  ipv6.routing.deprecated _ws.malformed.expert)
args=()
for f in "${fields[@]}"; do args+=(-e "$f"); done
config_dir=$(mktemp -d); trap 'rm -rf "$config_dir"' EXIT
export WIRESHARK_CONFIG_DIR="$config_dir"
prefs=(-n -o tcp.relative_sequence_numbers:FALSE -o tcp.analyze_sequence_numbers:FALSE
  -o tcp.desegment_tcp_streams:FALSE -o ip.defragment:FALSE -o ipv6.defragment:FALSE
  -o tls.desegment_ssl_records:FALSE -o tls.desegment_ssl_application_data:FALSE
  -o http.desegment_headers:FALSE -o http.desegment_body:FALSE -o dns.desegment_dns_messages:FALSE
  --disable-heuristic dns_udp)
for capture in "$corpus"/*; do
  name=$(basename "$capture")
  case $name in *.expected.*|*.md|*.tsv|*.txt|pcapng-gen-le-test018.pcapng|pcapng-gen-le-test102.pcapng|pcapng-gen-le-test202.pcapng|pcapng-gen-be-test102.pcapng) continue ;; esac
  tshark -r "$capture" "${prefs[@]}" -T json -e frame.number "${args[@]}" 2>/dev/null \
    | python3 -c '
import json, sys
name = sys.argv[1]
for packet in json.load(sys.stdin):
    layers = packet["_source"]["layers"]
    frame = int(layers.pop("frame.number")[0])
    if layers:
        print(json.dumps({"file": name, "frame": frame, "fields": layers}, ensure_ascii=False, sort_keys=True))
' "$name" || true
done | gzip -9n > "$here/tshark-tree-fields.jsonl.gz"

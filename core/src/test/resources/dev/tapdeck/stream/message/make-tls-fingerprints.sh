#!/usr/bin/env bash
# make-tls-fingerprints.sh - the fingerprints of every TLS ClientHello in the corpus, into
# tls-fingerprints.tsv beside this script (capture, frame, JA3 full string, JA3, JA4), for
# the message tests. JA3 is tshark's own. tshark 4.0 has no JA4, so this computes it apart
# from Tapdeck, from the lists tshark's own TLS
# dissector reads out of each (reassembled) ClientHello, by FoxIO's definition
# (github.com/FoxIO-LLC/ja4, technical_details/JA4.md): protocol t, version (highest
# supported_versions entry, else the hello's), d/i for SNI, counts of cipher suites and
# extensions, first and last character of the first ALPN value; then the first 12 hex
# digits of the SHA-256 of the sorted cipher suites, and of the sorted extensions (without
# SNI and ALPN) joined with the signature algorithms in their order. GREASE values are left
# out everywhere. A capture tshark reads only in part (a damaged one) gives the hellos it read.
# Run it from anywhere. Reference version: TShark (Wireshark) 4.0.17.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=$(cd "$here/../../../../../../../../../shared/corpus" && pwd)
command -v tshark >/dev/null || { echo "make-ja4-expected.sh: tshark not found" >&2; exit 69; }
for capture in "$corpus"/*.pcap "$corpus"/*.pcapng; do
  { tshark -r "$capture" -n -o tcp.relative_sequence_numbers:FALSE -Y 'tls.handshake.type == 1' \
      -T fields -E separator=/t -E occurrence=a -E aggregator=, \
      -e frame.number -e tls.handshake.version -e tls.handshake.extensions.supported_version \
      -e tls.handshake.ciphersuite -e tls.handshake.extension.type -e tls.handshake.sig_hash_alg \
      -e tls.handshake.extensions_alpn_str -e tls.handshake.type -e tls.handshake.ja3_full -e tls.handshake.ja3 \
      2>/dev/null || true; } \
    | sed "s|^|$(basename "$capture")\t|"
done | python3 -c '
import hashlib, sys

def grease(v):
    return v & 0x0f0f == 0x0a0a and v >> 8 == v & 0xff

def ints(field):
    return [int(x, 0) for x in field.split(",") if x]

def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:12] if text else "000000000000"

codes = {0x0304: "13", 0x0303: "12", 0x0302: "11", 0x0301: "10", 0x0300: "s3", 0x0002: "s2"}
for line in sys.stdin:
    capture, frame, version, supported, ciphers, extensions, sigs, alpn, types, ja3_full, ja3 = line.rstrip("\n").split("\t")
    if types != "1":
        continue  # more than one handshake message in the frame: the lists would mix
    ciphers = [c for c in ints(ciphers) if not grease(c)]
    extensions = [e for e in ints(extensions) if not grease(e)]
    supported = [v for v in ints(supported) if not grease(v)]
    shown = max(supported) if supported else int(version, 0)
    first = alpn.split(",")[0] if alpn else ""
    if not first:
        alpn_code = "00"
    elif first[0].isascii() and first[0].isalnum() and first[-1].isascii() and first[-1].isalnum():
        alpn_code = first[0] + first[-1]
    else:
        h = first.encode("latin-1").hex()
        alpn_code = h[0] + h[-1]
    a = "t" + codes.get(shown, "00") + ("d" if 0 in extensions else "i") + "%02d" % min(len(ciphers), 99) \
        + "%02d" % min(len(extensions), 99) + alpn_code
    b = digest(",".join("%04x" % c for c in sorted(ciphers)))
    rest = ",".join("%04x" % e for e in sorted(e for e in extensions if e not in (0, 16)))
    sig = ",".join("%04x" % s for s in ints(sigs))
    c = digest(rest + ("_" + sig if sig else "")) if rest else "000000000000"
    print("%s\t%s\t%s\t%s\t%s_%s_%s" % (capture, frame, ja3_full, ja3, a, b, c))
' > "$here/tls-fingerprints.tsv"

#!/usr/bin/env bash
# make-tls-fragments-capture.sh OUT.pcapng - records TLS handshakes whose messages span several
# records and several TCP segments (tls-fragments.pcapng here; needs openssl, python3, dumpcap
# and the rights to capture on loopback). The server (openssl s_server) sends records of at
# most 1024 bytes, so its Certificate (two 4096-bit RSA certificates, about 2.5 kB) spans
# three; the client sends records of at most 512 bytes and a ClientHello made long by its ALPN
# list, so the hello spans three. Between them a relay sends what it relays in pieces of at
# most 300 bytes, each its own segment, so records cross segment boundaries anywhere: the
# capture holds both of its connections, the client's (the server's records cut) and the
# server's (the client's records cut). Once TLS 1.2 (the Certificate in the clear), once
# TLS 1.3 (only the hellos in the clear).
set -euo pipefail
out=$1
port=4433 relay=4434
dir=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$dir"' EXIT
cd "$dir"
openssl req -x509 -newkey rsa:4096 -nodes -keyout ca.key -out ca.pem -days 3650 -subj '/CN=Tapdeck Test CA' 2>/dev/null
openssl req -newkey rsa:4096 -nodes -keyout server.key -out server.csr -subj '/CN=server.test' 2>/dev/null
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 3650 2>/dev/null
cat > relay.py <<'PY'
import socket, sys, threading, time
listen_port, target_port = int(sys.argv[1]), int(sys.argv[2])
def pump(src, dst):
    while data := src.recv(65536):
        for i in range(0, len(data), 300):
            dst.sendall(data[i:i + 300])
            time.sleep(0.002)  # one piece, one segment
    dst.shutdown(socket.SHUT_WR)
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", listen_port))
server.listen()
while True:
    client, _ = server.accept()
    upstream = socket.socket()
    for s in (client, upstream):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    upstream.connect(("127.0.0.1", target_port))
    threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
    threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
PY
openssl s_server -accept $port -cert server.pem -key server.key -cert_chain ca.pem -max_send_frag 1024 -www -quiet >/dev/null 2>&1 &
python3 relay.py $relay $port &
dumpcap -q -i lo -f "tcp port $port or tcp port $relay" -w "$out" -a duration:10 2>/dev/null &
capture=$!
sleep 2
alpn=$(for i in $(seq 1 60); do printf 'protocol-number-%02d,' "$i"; done; printf h2)
for version in -tls1_2 -tls1_3; do
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 3 openssl s_client -connect 127.0.0.1:$relay -servername server.test \
      $version -max_send_frag 512 -alpn "$alpn" -quiet >/dev/null 2>&1 || true
done
wait $capture

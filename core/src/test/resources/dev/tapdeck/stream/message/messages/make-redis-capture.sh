#!/usr/bin/env bash
# make-redis-capture.sh OUT.pcapng TAPDECK - records Redis traffic on loopback with Tapdeck's
# own capture (redis.pcapng here, for the RESP example decoder; needs redis-server, redis-cli
# and the rights to capture): a SET and a GET of a value longer than a loopback segment (so
# the command and the reply each span several), pipelined commands, an error, integers,
# arrays and a null.
set -euo pipefail
out=$1
tapdeck=$2
port=6379
dir=$(mktemp -d)
redis-server --port $port --save '' --appendonly no --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
sleep 1
"$tapdeck" capture -i lo -f "tcp port $port" -w "$out" -a duration:10 -q &
capture=$!
sleep 5  # the capture has started (a JVM start)
redis-cli -p $port SET small hello >/dev/null
head -c 70000 /dev/zero | tr '\0' x | redis-cli -p $port -x SET big >/dev/null
redis-cli -p $port GET big >/dev/null
# Pipelined, in one segment: each command as an array of bulk strings (RESP's own form).
resp() { printf '*%d\r\n' $#; for a in "$@"; do printf '$%d\r\n%s\r\n' ${#a} "$a"; done; }
{ resp PING; resp INCR counter; resp INCR counter; resp LPUSH list a b c; resp LRANGE list 0 -1
  resp GET missing; resp NOSUCHCOMMAND; } | redis-cli -p $port --pipe >/dev/null || true  # it reports the error reply
redis-cli -p $port MGET small missing counter >/dev/null
wait $capture
kill "$(cat "$dir/redis.pid")"
rm -rf "$dir"

"""A UDP client: after WAIT seconds, sends COUNT datagrams 50 ms apart to 127.0.0.1:PORT and
reads each echo, then exits. Usage: python3 udp_client.py PORT COUNT WAIT"""
import socket
import sys
import time

port, count, wait = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
time.sleep(wait)
client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
client.settimeout(5)
for i in range(count):
    client.sendto(b"datagram %d" % i, ("127.0.0.1", port))
    client.recvfrom(65535)
    time.sleep(0.05)

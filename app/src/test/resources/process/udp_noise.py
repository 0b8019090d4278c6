"""Unrelated UDP traffic on 127.0.0.1: a datagram every 5 ms from one socket to another of this
process, until killed. Prints the receiver's port once both are ready."""
import socket
import time

receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
receiver.bind(("127.0.0.1", 0))
sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
port = receiver.getsockname()[1]
print(port, flush=True)
while True:
    sender.sendto(b"noise", ("127.0.0.1", port))
    time.sleep(0.005)

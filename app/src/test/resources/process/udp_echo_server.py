"""A UDP echo server on 127.0.0.1. Prints its port, then echoes every datagram until killed."""
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind(("127.0.0.1", 0))
print(server.getsockname()[1], flush=True)
while True:
    data, peer = server.recvfrom(65535)
    server.sendto(data, peer)

#!/usr/bin/env python3
"""Records this machine's socket tables for SockDiagMessagesTest and ProcNetSocketsTest.

Run in this folder as an ordinary user, so the uids are not all 0; as root:
  d=$(mktemp -d) && chmod 777 $d && (cd $d && setpriv --reuid=nobody --regid=nogroup --clear-groups \
      /usr/bin/python3 $OLDPWD/record.py) && cp $d/* .
It opens a few sockets of known ends (listed in
known.tsv with their inodes), then while they are open records, one right after the other,
the raw netlink NETLINK_SOCK_DIAG dump of each family and protocol (the datagrams as the
kernel sent them, one after the other: sock_diag-tcp.bin and so on) and the matching
/proc/net table (proc-net-tcp.txt and so on).
"""
import os
import socket
import struct

NETLINK_SOCK_DIAG = 4
SOCK_DIAG_BY_FAMILY = 20
NLM_F_REQUEST, NLM_F_DUMP = 0x1, 0x300
NLMSG_DONE = 3


def dump(family, protocol):
    with socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, NETLINK_SOCK_DIAG) as netlink:
        request = struct.pack('=BBBBI', family, protocol, 0, 0, 0xffffffff) + bytes(48)
        header = struct.pack('=IHHII', 16 + len(request), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, 1, 0)
        netlink.sendto(header + request, (0, 0))
        answer = b''
        while True:
            datagram = netlink.recv(65536)
            answer += datagram
            offset = 0
            while offset < len(datagram):
                length, kind = struct.unpack_from('=IH', datagram, offset)
                if kind == NLMSG_DONE:
                    return answer
                offset += (length + 3) & ~3


def inode(sock):
    return os.fstat(sock.fileno()).st_ino


known = []
keep = []

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(('127.0.0.1', 0))
listener.listen()
client = socket.create_connection(listener.getsockname())
accepted, _ = listener.accept()
keep += [listener, client, accepted]
known.append(('tcp', listener.getsockname(), None, listener))
known.append(('tcp', client.getsockname(), client.getpeername(), client))
known.append(('tcp', accepted.getsockname(), accepted.getpeername(), accepted))

listener6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
listener6.bind(('::1', 0))
listener6.listen()
keep.append(listener6)
known.append(('tcp6', listener6.getsockname()[:2], None, listener6))

dual = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
dual.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
dual.connect(('::ffff:127.0.0.1', listener.getsockname()[1]))
keep.append(dual)
keep.append(listener.accept()[0])
known.append(('tcp6', dual.getsockname()[:2], dual.getpeername()[:2], dual))

udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.bind(('127.0.0.1', 0))
keep.append(udp)
known.append(('udp', udp.getsockname(), None, udp))

udp_connected = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp_connected.connect(udp.getsockname())
keep.append(udp_connected)
known.append(('udp', udp_connected.getsockname(), udp_connected.getpeername(), udp_connected))

udp6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
udp6.bind(('::', 0))
keep.append(udp6)
known.append(('udp6', udp6.getsockname()[:2], None, udp6))

for name, family, protocol in [('tcp', socket.AF_INET, socket.IPPROTO_TCP), ('tcp6', socket.AF_INET6, socket.IPPROTO_TCP),
                               ('udp', socket.AF_INET, socket.IPPROTO_UDP), ('udp6', socket.AF_INET6, socket.IPPROTO_UDP)]:
    with open(f'sock_diag-{name}.bin', 'wb') as out:
        out.write(dump(family, protocol))
    with open(f'/proc/net/{name}') as table, open(f'proc-net-{name}.txt', 'w') as out:
        out.write(table.read())


def end(address):
    return '-' if address is None else f'{address[0]} {address[1]}'


with open('known.tsv', 'w') as out:
    out.write('# table\tlocal address\tlocal port\tremote address\tremote port\tuid\tinode\n')
    for table, local, remote, sock in known:
        remote_address, remote_port = remote if remote else ('-', 0)
        out.write(f'{table}\t{local[0]}\t{local[1]}\t{remote_address}\t{remote_port}\t{os.getuid()}\t{inode(sock)}\n')

#!/usr/bin/env python3
# make-zero-window.py - writes zero-window.pcap beside itself: one made-up TCP conversation (no
# handshake options, so no window scaling) whose segments Wireshark flags as Window Full,
# ZeroWindow, ZeroWindowProbe, ZeroWindowProbeAck, Window Update, Dup ACK, Keep-Alive and
# Keep-Alive ACK, which no corpus capture has. make-expected.sh then records tshark's analysis of it.
import os
import struct
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s>>16)+(s&0xffff); s+=s>>16; return (~s)&0xffff
def pkt(src,dst,sport,dport,seq,ack,flags,win,payload=b''):
    tcp=struct.pack('!HHIIBBHHH',sport,dport,seq,ack,5<<4,flags,win,0,0)+payload
    iph=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(tcp),1,0,64,6,0,bytes(src),bytes(dst))
    iph=iph[:10]+struct.pack('!H',csum(iph))+iph[12:]
    eth=b'\x00\x1b\x21\x3a\x4b\x5c'+b'\x00\x1b\x21\x3a\x4b\x5d'+b'\x08\x00'
    return eth+iph+tcp
C=[10,0,0,1]; S=[10,0,0,2]
SYN,ACK,PSH=2,16,8
ps=[pkt(C,S,40000,80,1000,0,SYN,1000),
    pkt(S,C,80,40000,5000,1001,SYN|ACK,100),
    pkt(C,S,40000,80,1001,5001,ACK,1000),
    pkt(C,S,40000,80,1001,5001,ACK|PSH,1000,b'a'*100),
    pkt(S,C,80,40000,5001,1101,ACK,0),
    pkt(C,S,40000,80,1101,5001,ACK,1000,b'b'),
    pkt(S,C,80,40000,5001,1101,ACK,0),
    pkt(S,C,80,40000,5001,1101,ACK,500),
    pkt(C,S,40000,80,1101,5001,ACK|PSH,1000,b'c'*10),
    pkt(S,C,80,40000,5001,1111,ACK,500),
    pkt(S,C,80,40000,5001,1111,ACK,500),
    pkt(S,C,80,40000,5001,1111,ACK,500),
    pkt(C,S,40000,80,1110,5001,ACK,1000,b'c'),
    pkt(S,C,80,40000,5001,1111,ACK,500)]
out=struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,1)
for i,p in enumerate(ps):
    out+=struct.pack('<IIII',1700000000,i*10000,len(p),len(p))+p
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'zero-window.pcap'), 'wb').write(out)

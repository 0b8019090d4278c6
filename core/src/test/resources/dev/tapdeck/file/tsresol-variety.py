#!/usr/bin/env python3
"""Writes tsresol-variety.pcapng: one packet per interface, each interface with another
if_tsresol (base 10 and base 2) or if_tsoffset, in a little-endian and a big-endian section.
Its .expected.jsonl is made from it by ../../../../../../../../shared/tools/oracle.sh (tshark 4.0.17).
Fractions are kept small enough that tshark's 64-bit arithmetic does not overflow."""
import struct

def section(order, interfaces):
    def block(block_type, body):
        body += b'\0' * (-len(body) % 4)
        length = 12 + len(body)
        return struct.pack(order + 'II', block_type, length) + body + struct.pack(order + 'I', length)

    def option(code, value):
        return struct.pack(order + 'HH', code, len(value)) + value + b'\0' * (-len(value) % 4)

    out = block(0x0A0D0D0A, struct.pack(order + 'IHHq', 0x1A2B3C4D, 1, 0, -1))
    for tsresol, tsoffset in interfaces:
        options = b''
        if tsresol is not None:
            options += option(9, bytes([tsresol]))
        if tsoffset is not None:
            options += option(14, struct.pack(order + 'q', tsoffset))
        if options:
            options += option(0, b'')
        out += block(1, struct.pack(order + 'HHI', 1, 0, 0) + options)
    frame = bytes.fromhex('ffffffffffff0200000000010800') + bytes(46)
    for index, (tsresol, _) in enumerate(interfaces):
        if tsresol is None:
            units_per_second = 10 ** 6
        elif tsresol & 0x80:
            units_per_second = 2 ** (tsresol & 0x7F)
        else:
            units_per_second = 10 ** tsresol
        seconds = 1_700_000_000 + index
        units = seconds * units_per_second + units_per_second * 123456789 // 1_000_000_000 + index % 7
        out += block(6, struct.pack(order + 'IIIII', index, units >> 32, units & 0xFFFFFFFF, len(frame), len(frame)) + frame)
    return out

little = [(None, None)] + [(e, None) for e in range(0, 11)] \
    + [(0x80 | e, None) for e in (0, 3, 4, 10, 20, 23, 30, 33)] \
    + [(6, 1000), (9, -3600), (None, 86400)]
big = [(3, None), (0x80 | 20, None), (9, 60)]
with open('tsresol-variety.pcapng', 'wb') as f:
    f.write(section('<', little) + section('>', big))

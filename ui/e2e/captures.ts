/** Just enough of the two capture formats to check what the server writes and reads. */

/** The captured bytes of each record of a classic pcap file (microsecond or nanosecond, either byte order). */
export function pcapPackets(file: Buffer): Buffer[] {
  const magic = file.readUInt32LE(0);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!little && file.readUInt32BE(0) !== 0xa1b2c3d4 && file.readUInt32BE(0) !== 0xa1b23c4d) {
    throw new Error(`not a pcap file: magic ${file.subarray(0, 4).toString('hex')}`);
  }
  const packets: Buffer[] = [];
  for (let offset = 24; offset + 16 <= file.length;) {
    const captured = little ? file.readUInt32LE(offset + 8) : file.readUInt32BE(offset + 8);
    packets.push(file.subarray(offset + 16, offset + 16 + captured));
    offset += 16 + captured;
  }
  return packets;
}

export const PCAPNG_MAGIC = '0a0d0d0a';
const SECTION_HEADER = 0x0a0d0d0a;
const ENHANCED_PACKET = 6;
/** Blocks that hold packets in other ways, which Tapdeck does not write (pcapng draft §4.4, §4.5). */
const OTHER_PACKET_BLOCKS = [2, 3];

/** The captured bytes of each Enhanced Packet Block of a pcapng file (pcapng draft §4.3). */
export function pcapngPackets(file: Buffer): Buffer[] {
  if (file.subarray(0, 4).toString('hex') !== PCAPNG_MAGIC) {
    throw new Error(`not a pcapng file: it starts with ${file.subarray(0, 4).toString('hex')}`);
  }
  let little = true;
  const packets: Buffer[] = [];
  for (let offset = 0; offset + 12 <= file.length;) {
    const type = file.readUInt32LE(offset);
    if (type === SECTION_HEADER) little = file.readUInt32LE(offset + 8) === 0x1a2b3c4d;
    const read = (at: number) => (little ? file.readUInt32LE(at) : file.readUInt32BE(at));
    const blockType = read(offset);
    const length = read(offset + 4);
    if (length < 12 || length % 4 !== 0 || offset + length > file.length) {
      throw new Error(`damaged pcapng block at byte ${offset}: length ${length}`);
    }
    if (blockType === ENHANCED_PACKET) {
      const captured = read(offset + 20);
      packets.push(file.subarray(offset + 28, offset + 28 + captured));
    } else if (OTHER_PACKET_BLOCKS.includes(blockType)) {
      throw new Error(`pcapng block type ${blockType} at byte ${offset}: only Enhanced Packet Blocks are expected`);
    }
    offset += length;
  }
  return packets;
}

import { useMemo, useState } from 'react';

const BYTES_PER_LINE = 16;
/** Longer packets (jumbo frames, reassembled data) show this much until asked for the rest. */
const SHOWN_AT_FIRST = 4096;

export interface HexViewProps {
  /** The bytes in hex, as the server sends them. */
  hex: string;
  highlight: { offset: number; length: number } | null;
  onSelectByte: (offset: number) => void;
}

/** Offset, hex and ASCII columns, sixteen bytes a line; the selected field's bytes are marked. */
export function HexView({ hex, highlight, onSelectByte }: HexViewProps) {
  const bytes = useMemo(() => {
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }, [hex]);
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? bytes.length : Math.min(bytes.length, SHOWN_AT_FIRST);
  const marked = (offset: number) =>
    highlight !== null && offset >= highlight.offset && offset < highlight.offset + highlight.length;

  const lines = [];
  for (let start = 0; start < shown; start += BYTES_PER_LINE) {
    const hexCells = [];
    const asciiCells = [];
    for (let offset = start; offset < Math.min(start + BYTES_PER_LINE, shown); offset++) {
      const value = bytes[offset];
      const className = marked(offset) ? 'byte marked' : 'byte';
      const select = () => onSelectByte(offset);
      hexCells.push(
        <span key={offset} className={className} data-offset={offset} onClick={select}>
          {value.toString(16).padStart(2, '0')}
        </span>,
      );
      asciiCells.push(
        <span key={offset} className={className} data-offset={offset} onClick={select}>
          {value >= 0x20 && value < 0x7f ? String.fromCharCode(value) : '.'}
        </span>,
      );
    }
    lines.push(
      <div key={start} className="hex-line">
        <span className="hex-offset">{start.toString(16).padStart(4, '0')}</span>
        <span className="hex-bytes">{hexCells}</span>
        <span className="hex-ascii">{asciiCells}</span>
      </div>,
    );
  }
  return (
    <div className="hex-view" aria-label="Packet bytes">
      {lines}
      {shown < bytes.length && (
        <button type="button" className="link" onClick={() => setShowAll(true)}>
          Show all {bytes.length} bytes
        </button>
      )}
    </div>
  );
}

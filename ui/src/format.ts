/** Plain formatting for counters and rates in the status line. */

// Made once: toLocaleString and toLocaleTimeString build a formatter on every call, and the
// status line and row count are drawn every frame while packets stream.
const COUNT = new Intl.NumberFormat('en-US');
const CLOCK = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: 'numeric', second: 'numeric', hour12: false });

export function formatCount(value: number): string {
  return COUNT.format(value);
}

const FIGURE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A measured figure: grouped, at most two decimals. */
export function formatNumber(value: number): string {
  return FIGURE.format(value);
}

export function formatBytes(value: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let scaled = value;
  let unit = 0;
  while (scaled >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit++;
  }
  return `${scaled >= 100 || unit === 0 ? Math.round(scaled) : scaled.toFixed(1)} ${units[unit]}`;
}

export function formatBytesPerSecond(value: number): string {
  return `${formatBytes(value)}/s`;
}

/** A part of a whole as a percentage with one decimal; a dash when there is no whole. */
export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '—';
}

/** How long a flow lasted, to the precision that matters at its scale. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  const whole = Math.floor(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor(whole / 60) % 60).padStart(2, '0')} min`;
}

/** A packet time in the viewer's clock: date only when it is not today. */
export function formatPacketTime(when: string | Date | null, now = new Date()): string {
  if (!when) return '—';
  const time = new Date(when);
  const clock = CLOCK.format(time) + '.' + String(time.getMilliseconds()).padStart(3, '0');
  return time.toDateString() === now.toDateString() ? clock : `${time.toISOString().slice(0, 10)} ${clock}`;
}

/** An address and port as a URL writes them (IPv6 in brackets); the address alone for no port (ICMP). */
export function formatEndpoint(address: string, port: number): string {
  if (port <= 0) return address;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

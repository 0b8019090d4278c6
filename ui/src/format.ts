/** Plain formatting for counters and rates in the status line. */

// Made once: toLocaleString and toLocaleTimeString build a formatter on every call, and the
// status line and row count are drawn every frame while packets stream.
const COUNT = new Intl.NumberFormat('en-US');
const CLOCK = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: 'numeric', second: 'numeric', hour12: false });

export function formatCount(value: number): string {
  return COUNT.format(value);
}

export function formatBytesPerSecond(value: number): string {
  const units = ['B/s', 'kB/s', 'MB/s', 'GB/s'];
  let scaled = value;
  let unit = 0;
  while (scaled >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit++;
  }
  return `${scaled >= 100 || unit === 0 ? Math.round(scaled) : scaled.toFixed(1)} ${units[unit]}`;
}

/** A packet time in the viewer's clock: date only when it is not today. */
export function formatPacketTime(iso: string | null, now = new Date()): string {
  if (!iso) return '—';
  const time = new Date(iso);
  const clock = CLOCK.format(time) + '.' + String(time.getMilliseconds()).padStart(3, '0');
  return time.toDateString() === now.toDateString() ? clock : `${time.toISOString().slice(0, 10)} ${clock}`;
}

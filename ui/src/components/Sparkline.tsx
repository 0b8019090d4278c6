export interface SparklineProps {
  /** One sample a second, oldest first. */
  samples: readonly number[];
  width?: number;
  height?: number;
  /** How many samples fill the width. */
  span?: number;
}

/** Packets per second over the last minute, with the current rate. */
export function Sparkline({ samples, width = 240, height = 40, span = 60 }: SparklineProps) {
  const recent = samples.slice(-span);
  const peak = Math.max(1, ...recent);
  const step = width / Math.max(1, span - 1);
  const offset = span - recent.length;
  const points = recent
    .map((value, index) => `${((offset + index) * step).toFixed(1)},${(height - 1 - (value / peak) * (height - 2)).toFixed(1)}`)
    .join(' ');
  const current = recent.length ? recent[recent.length - 1] : 0;
  return (
    <figure className="sparkline" aria-label={`Packets per second, last ${span} seconds`}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img"
           aria-label={`peak ${formatRate(peak)} packets per second`}>
        {recent.length > 1 && <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />}
      </svg>
      <figcaption><span className="rate" data-testid="current-rate">{formatRate(current)}</span> packets/s</figcaption>
    </figure>
  );
}

export function formatRate(value: number): string {
  // Each unit starts where rounding in the one below would carry over (999,999 is 1.0M, not 1000k).
  if (value >= 999_500) return `${(value / 1_000_000).toFixed(1)}M`;
  if (value >= 9_950) return `${Math.round(value / 1000)}k`;
  if (value >= 999.5) return `${(value / 1000).toFixed(1)}k`;
  return String(Math.round(value));
}

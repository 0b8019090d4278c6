import { describe, expect, it } from 'vitest';
import { formatBytes, formatBytesPerSecond, formatDuration, formatNumber, formatPercent } from './format';

describe('format', () => {
  it('scales bytes by thousands, with a decimal below 100', () => {
    expect([0, 999, 1200, 10_200, 123_456, 9_000_000_000].map(formatBytes))
      .toEqual(['0 B', '999 B', '1.2 kB', '10.2 kB', '123 kB', '9.0 GB']);
    expect(formatBytesPerSecond(1_500_000)).toBe('1.5 MB/s');
  });

  it('gives a duration to the precision that matters at its scale', () => {
    expect([0.0004, 0.25, 3.376544, 42.26, 125.9, 3725].map(formatDuration))
      .toEqual(['0 ms', '250 ms', '3.38 s', '42.3 s', '2 min 05 s', '1 h 02 min']);
  });

  it('gives a share of a whole, and a dash for no whole', () => {
    expect(formatPercent(1, 3)).toBe('33.3%');
    expect(formatPercent(5, 5)).toBe('100.0%');
    expect(formatPercent(0, 0)).toBe('—');
  });

  it('groups figures and keeps two decimals at most', () => {
    expect([950, 100.2, 86.666, 12_345.678].map(formatNumber)).toEqual(['950', '100.2', '86.67', '12,345.68']);
  });
});

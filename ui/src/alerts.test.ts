import { describe, expect, it } from 'vitest';
import { mergeAlerts } from './alerts';
import fixture from './test/fixtures/alerts.json';
import type { Alert } from './types';

const [spike, scan] = fixture as Alert[];
const numbered = (id: number): Alert => ({ ...spike, id });

describe('mergeAlerts', () => {
  it('keeps one alert per id when the server repeats streamed ones, oldest first', () => {
    const streamed = [scan];
    const merged = mergeAlerts(streamed, [spike, { ...scan, message: 'the same alert, listed' }], 10);
    expect(merged.map((alert) => alert.id)).toEqual([3, 4]);
    expect(merged[1].message).toBe('the same alert, listed');
  });

  it('keeps the newest alerts up to the limit', () => {
    const merged = mergeAlerts([1, 2, 3].map(numbered), [5, 4, 6].map(numbered), 4);
    expect(merged.map((alert) => alert.id)).toEqual([3, 4, 5, 6]);
  });
});

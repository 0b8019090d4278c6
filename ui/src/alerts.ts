import type { Alert } from './types';

/**
 * The alerts held plus those that arrived (from the stream, or GET /api/alerts after a
 * (re)connection, which repeats ones already streamed): one per id, oldest first, the newest
 * {@code limit} kept.
 */
export function mergeAlerts(held: readonly Alert[], arrived: readonly Alert[], limit: number): Alert[] {
  const byId = new Map<number, Alert>();
  for (const alert of held) byId.set(alert.id, alert);
  for (const alert of arrived) byId.set(alert.id, alert);
  return [...byId.values()].sort((a, b) => a.id - b.id).slice(-limit);
}

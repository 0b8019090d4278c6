import { useEffect, useState } from 'react';
import { describeError } from './api';

export interface Polled<T> {
  data: T | null;
  error: string | null;
}

/**
 * What {@code load} answers, fetched now and again every {@code intervalMs} while the component
 * is mounted; none while the browser tab is hidden, and never two at once. A failure is kept
 * beside the last good answer, so a view shows why it is stale rather than going blank.
 */
export function usePolling<T>(load: () => Promise<T>, intervalMs: number): Polled<T> {
  const [polled, setPolled] = useState<Polled<T>>({ data: null, error: null });
  useEffect(() => {
    let current = true;
    let inFlight = false;
    const poll = async () => {
      if (inFlight || document.hidden) return;
      inFlight = true;
      try {
        const data = await load();
        if (current) setPolled({ data, error: null });
      } catch (problem) {
        if (current) setPolled((previous) => ({ data: previous.data, error: describeError(problem) }));
      } finally {
        inFlight = false;
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), intervalMs);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [load, intervalMs]);
  return polled;
}

import { useEffect, useState } from 'react';
import type { PacketStore } from './packetStore';

/** The most the packet list is drawn again per second: more than the eye follows in a moving list. */
export const MAX_REDRAWS_PER_SECOND = 12;

/**
 * The store's version, updated in an animation frame at most {@link MAX_REDRAWS_PER_SECOND}
 * times a second: at 10,000 packets a second the stream brings dozens of batches a second,
 * and drawing each would leave the page no time for anything else.
 */
export function useStoreVersion(store: PacketStore): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => {
    const interval = 1000 / MAX_REDRAWS_PER_SECOND;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = -Infinity;
    const draw = () => {
      timer = undefined;
      frame = requestAnimationFrame((now) => {
        frame = 0;
        last = now;
        setVersion(store.version);
      });
    };
    const unsubscribe = store.subscribe(() => {
      if (frame || timer !== undefined) return;
      const wait = last + interval - performance.now();
      if (wait > 0) timer = setTimeout(draw, wait);
      else draw();
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [store]);
  return version;
}

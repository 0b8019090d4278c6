import { useEffect, useState } from 'react';
import type { PacketStore } from './packetStore';

/**
 * The store's version, updated at most once per animation frame: at 10,000 packets a second
 * the stream brings dozens of batches a second, and the table needs to draw only once a frame.
 */
export function useStoreVersion(store: PacketStore): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => {
    let frame = 0;
    const unsubscribe = store.subscribe(() => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion(store.version);
      });
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [store]);
  return version;
}

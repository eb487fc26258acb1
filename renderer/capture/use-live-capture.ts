import { useEffect } from 'react';
import { useCapture } from '../state/capture-store';
import { engine } from '../state/engine';
import { useLiveCapture } from './live-capture-store';

/**
 * Feeds the engine's `captureStatus` events to the live-capture store (mount once, in App), and
 * forgets the counters and the Save offer once another file replaces the captured one.
 */
export function useLiveCaptureEvents(): void {
  useEffect(() => {
    const stopEvents = engine().onEvent((event) => {
      if (event.type === 'captureStatus') useLiveCapture.getState().receiveStatus(event.payload);
    });
    const stopWatching = useCapture.subscribe((state) => {
      const live = useLiveCapture.getState();
      if (live.captureName === null || live.busy || live.status?.running || !state.summary) return;
      if (state.summary.name !== live.captureName) live.forget();
    });
    return () => {
      stopEvents();
      stopWatching();
    };
  }, []);
}

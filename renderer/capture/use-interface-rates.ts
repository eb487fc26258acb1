import { useEffect, useState } from 'react';
import type { CaptureInterfaceInfo } from '../../engine/api/contract';
import { engine } from '../state/engine';
import { errorText } from './format';
import { withSample } from './sparkline-geometry';

/** The interface list is polled at most twice per second while the dialog is open. */
export const INTERFACE_POLL_MS = 500;

export interface InterfaceRates {
  /** Null until the first answer. */
  interfaces: CaptureInterfaceInfo[] | null;
  /** Packets per second per interface, oldest first. */
  history: ReadonlyMap<string, number[]>;
  error: string | null;
}

/**
 * Polls `interfaces()` while mounted: the next call goes out `INTERFACE_POLL_MS` after the
 * previous answer, so calls never overlap and never exceed 2 per second.
 */
export function useInterfaceRates(): InterfaceRates {
  const [rates, setRates] = useState<InterfaceRates>({ interfaces: null, history: new Map(), error: null });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const interfaces = await engine().interfaces();
        if (stopped) return;
        setRates((previous) => {
          const history = new Map<string, number[]>();
          for (const described of interfaces) {
            const past = previous.history.get(described.name);
            history.set(described.name, described.packetsPerSecond === null ? past ?? [] : withSample(past, described.packetsPerSecond));
          }
          return { interfaces, history, error: null };
        });
      } catch (error) {
        if (stopped) return;
        setRates((previous) => ({ ...previous, error: errorText(error) }));
      }
      if (!stopped) timer = setTimeout(() => void poll(), INTERFACE_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return rates;
}

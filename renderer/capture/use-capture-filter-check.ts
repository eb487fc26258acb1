import { useEffect, useState } from 'react';
import { engine } from '../state/engine';
import { errorText } from './format';

/** How long typing must pause before the filter is compiled by libpcap. */
const CHECK_DELAY_MS = 150;

export type CaptureFilterState =
  | { state: 'empty' }
  | { state: 'checking' }
  /** `unchecked`: the engine could not compile it here (no libpcap): it will be checked at start. */
  | { state: 'valid'; unchecked: boolean }
  | { state: 'invalid'; message: string };

/**
 * Checks a capture filter as it is typed, with libpcap's own compiler on the chosen interface
 * (`checkCaptureFilter`); only the answer for the latest text counts.
 */
export function useCaptureFilterCheck(filter: string, interfaceName: string): CaptureFilterState {
  const [result, setResult] = useState<{ key: string; value: CaptureFilterState } | null>(null);
  const text = filter.trim();
  const key = `${interfaceName}\n${text}`;
  useEffect(() => {
    if (text === '' || interfaceName === '') return;
    let current = true;
    const timer = setTimeout(() => {
      engine().checkCaptureFilter(text, interfaceName).then(
        (check) => {
          if (!current) return;
          const value: CaptureFilterState = check.valid
            ? { state: 'valid', unchecked: check.checkedBy === 'unchecked' }
            : { state: 'invalid', message: check.message ?? '' };
          setResult({ key, value });
        },
        (error: unknown) => current && setResult({ key, value: { state: 'invalid', message: errorText(error) } }),
      );
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  if (text === '') return { state: 'empty' };
  return result?.key === key ? result.value : { state: 'checking' };
}

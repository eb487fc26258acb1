import { describe, expect, it } from 'vitest';
import type { CaptureSummary, PacketLensClient } from '../../engine/api/contract';
import { useCapture } from './capture-store';
import { setEngine } from './engine';
import { useFilter } from './filter-store';

describe('a filter applied before the capture is open', () => {
  it('is run when the first summary arrives, not lost', async () => {
    const applied: string[] = [];
    setEngine({
      applyFilter: (filter: string) => {
        applied.push(filter);
        return Promise.resolve({ elapsedMs: 1 });
      },
      displayedIndexOf: () => Promise.resolve(-1),
    } as unknown as PacketLensClient);
    useCapture.setState({ summary: null });
    await useFilter.getState().apply('dns');
    expect(applied).toEqual([]);
    expect(useFilter.getState().text).toBe('dns');
    useCapture.setState({ summary: { filter: '', frames: 14, displayed: 14 } as CaptureSummary });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(applied).toEqual(['dns']);
  });
});

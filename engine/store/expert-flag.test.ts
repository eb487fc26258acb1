import { describe, expect, it } from 'vitest';
import { registry, walk } from '../../test/support/tree-walk.js';
import { CaptureSession } from '../session/capture-session.js';
import { corpusAvailable, corpusCaptures, corpusPath } from '../../test/support/corpus.js';

// The expert flag lets Analyze › Expert Information dissect only flagged frames, so it must be
// set exactly where the full detail tree holds an expert item: the summary path may not skip one.
// "No response seen" needs the whole capture (a later pass, like tshark -2); the in-order
// summary pass cannot know it, and tshark's single pass does not report it either.
const laterPassOnly = new Set(['icmp.no_resp', 'icmpv6.no_resp']);

describe.skipIf(!corpusAvailable)('the summary path flags every frame with an expert item', () => {
  it('flags the same frames as the detail tree shows expert items in, over the corpus', async () => {
    const disagreements: string[] = [];
    let flagged = 0;
    for (const capture of corpusCaptures()) {
      let session: CaptureSession;
      try {
        session = await CaptureSession.open(corpusPath(capture));
        await session.index();
      } catch {
        continue;
      }
      for (let frame = 1; frame <= session.frameCount; frame++) {
        const { tree } = session.tree(frame);
        const inTree = [...walk(tree.roots)].some((node) => node.field >= 0 && registry.byId(node.field).expert !== undefined && !laterPassOnly.has(registry.byId(node.field).abbrev));
        const flag = session.store.hasExpert(frame - 1);
        if (flag) flagged++;
        if (inTree !== flag) disagreements.push(`${capture}#${frame}: tree ${inTree}, flag ${flag}`);
      }
      await session.dispose();
    }
    expect(flagged).toBeGreaterThan(50);
    expect(disagreements.slice(0, 20)).toEqual([]);
  });
});

import { useCapture } from './capture-store';
import { engine } from './engine';
import { useView } from './view-store';

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((entry, index) => entry === b[index]);

/**
 * Keeps the engine's custom columns equal to the user's (persisted in the page): after a file
 * opens, and whenever a column is added or removed. A field the engine refuses is dropped.
 */
export function startCustomColumnsSync(): () => void {
  let pushing: readonly string[] | null = null;
  const sync = () => {
    const summary = useCapture.getState().summary;
    const wanted = useView.getState().customColumns;
    if (!summary || same(summary.customColumns ?? [], wanted) || (pushing && same(pushing, wanted))) return;
    pushing = wanted;
    engine().setCustomColumns([...wanted]).then(
      () => {
        pushing = null;
        sync();
      },
      (error: unknown) => {
        pushing = null;
        useCapture.getState().showProblem(error instanceof Error ? error.message : String(error));
        const known = summary.customColumns ?? [];
        for (const abbrev of wanted) if (!known.includes(abbrev)) useView.getState().removeCustomColumn(abbrev);
      },
    );
  };
  const stopCapture = useCapture.subscribe(sync);
  const stopView = useView.subscribe(sync);
  return () => {
    stopCapture();
    stopView();
  };
}

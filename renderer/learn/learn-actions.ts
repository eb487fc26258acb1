import { findValue, goToPacket } from '../app/actions';
import { translate, useLanguage } from '../i18n/index';
import { useCapture } from '../state/capture-store';
import { engine } from '../state/engine';
import { useFields } from '../state/fields-store';
import { useSelection } from '../state/selection-store';
import { useLearn } from './learn-store';

/** The engine's field ids for an abbrev (TreeItem.field). */
export function engineFieldIds(abbrev: string): ReadonlySet<number> {
  return new Set([...useFields.getState().byId.values()].filter((field) => field.abbrev === abbrev).map((field) => field.id));
}

/** "Step through conversation" for the selected packet: its tcp.stream in the stepper. */
export async function stepThroughSelected(): Promise<void> {
  const { frame, detail } = useSelection.getState();
  if (frame === null) return;
  const tree = detail?.frame === frame ? detail.tree : (await engine().detail(frame)).tree;
  const stream = findValue(tree, engineFieldIds('tcp.stream'));
  if (stream === null) {
    useCapture.getState().showProblem(translate(useLanguage.getState().language, 'stepNotTcp'));
    return;
  }
  useLearn.getState().stepThrough(stream);
}

/**
 * Selects a frame in the list, tree and hex pane, with its `protocol` layer selected in the
 * tree so the hex pane shows that header's bytes. False when the display filter hides it.
 */
export async function selectFrame(frame: number, protocol: string | null = null): Promise<boolean> {
  if (!(await goToPacket(frame))) return false;
  const detail = useSelection.getState().detail;
  if (protocol !== null && detail?.frame === frame) {
    const ids = engineFieldIds(protocol);
    const index = detail.tree.findIndex((item) => ids.has(item.field));
    if (index >= 0) useSelection.getState().selectPath(String(index));
  }
  return true;
}

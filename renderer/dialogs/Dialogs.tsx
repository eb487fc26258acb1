import { CaptureOptionsDialog } from '../capture/CaptureOptionsDialog';
import { CaptureProblemDialog } from '../capture/CaptureProblemDialog';
import { FollowDialog } from '../follow/FollowDialog';
import { useDialogs } from '../state/dialog-store';
import { IoGraphDialog } from '../stats/IoGraphDialog';
import { ProtocolHierarchyDialog } from '../stats/ProtocolHierarchyDialog';
import { TrafficDialog } from '../stats/TrafficDialog';
import { ColoringRulesDialog } from './ColoringRulesDialog';
import { ExpertDialog } from './ExpertDialog';
import { ExportDialog } from './ExportDialog';
import { FilePropertiesDialog } from './FilePropertiesDialog';

/** Whichever dialog is open. */
export function Dialogs() {
  const dialog = useDialogs((state) => state.dialog);
  switch (dialog?.kind) {
    case undefined:
      return null;
    case 'fileProperties':
      return <FilePropertiesDialog />;
    case 'export':
      return <ExportDialog />;
    case 'follow':
      return <FollowDialog request={dialog.request} />;
    case 'conversations':
    case 'endpoints':
      return <TrafficDialog key={dialog.kind} view={dialog.kind} />;
    case 'protocolHierarchy':
      return <ProtocolHierarchyDialog />;
    case 'ioGraph':
      return <IoGraphDialog />;
    case 'expert':
      return <ExpertDialog />;
    case 'coloringRules':
      return <ColoringRulesDialog />;
    case 'captureOptions':
      return <CaptureOptionsDialog />;
    case 'captureProblem':
      return <CaptureProblemDialog message={dialog.message} />;
  }
}

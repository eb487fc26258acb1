import { formatCount, formatElapsed } from '../dialogs/format';
import { useText, type MessageKey } from '../i18n/index';
import { useLiveCapture } from './live-capture-store';
import './capture.css';

const stopReasons: Record<string, MessageKey> = {
  packets: 'captureStoppedPackets',
  duration: 'captureStoppedDuration',
  filesize: 'captureStoppedFilesize',
  stopped: 'captureStoppedByUser',
  error: 'captureStoppedError',
};

/**
 * The status bar's live counters: packets, drops (when the source can tell) and elapsed time,
 * updated at most 10 times per second; after the capture, its totals and why it stopped.
 */
export function CaptureCounters() {
  const t = useText();
  const status = useLiveCapture((state) => state.status);
  const following = useLiveCapture((state) => state.following);
  if (!status) return null;
  const parts = [
    status.running ? t('captureCapturingOn', { name: status.interfaceName }) : t(stopReasons[status.stopReason ?? 'stopped']),
    t('capturePacketsCaptured', { count: formatCount(status.packets) }),
  ];
  if (status.dropped !== null) parts.push(t('captureDropped', { count: formatCount(status.dropped) }));
  parts.push(formatElapsed(status.elapsedSeconds));
  return (
    <span className={`capture-counters${status.running ? ' running' : ''}`} data-packets={status.packets} aria-live="off">
      {status.running && <span className="capture-dot" aria-hidden="true">●</span>}
      {parts.join(' · ')}
      {status.running && !following && <span className="capture-paused"> · {t('captureAutoScrollPaused')}</span>}
    </span>
  );
}

import { useEffect, useState } from 'react';
import type { FollowRequest, FollowResult } from '../../engine/api/contract';
import { Dialog } from '../dialogs/Dialog';
import { useText } from '../i18n/index';
import { engine } from '../state/engine';
import { MessageBoundaries } from '../learn/MessageBoundaries';
import { useLearn } from '../learn/learn-store';
import { useDialogs } from '../state/dialog-store';
import { useFilter } from '../state/filter-store';
import { conversationCounts, segmentText, visibleSegments, type FollowDirection, type FollowMode } from './follow-format';

const endpointText = (endpoint: FollowResult['client']) => (endpoint ? `${endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address}:${endpoint.port}` : '—');

/**
 * Analyze › Follow › TCP/UDP Stream: the conversation's payload in order, the client's bytes in
 * one colour and the server's in another; each segment is its own block, so where one packet
 * ends and the next begins stays visible (TCP is a byte stream: messages are not segments).
 */
export function FollowDialog({ request }: { request: FollowRequest }) {
  const t = useText();
  const [result, setResult] = useState<FollowResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<FollowMode>('ascii');
  const [direction, setDirection] = useState<FollowDirection>('both');
  const [boundaries, setBoundaries] = useState(true);

  useEffect(() => {
    engine().followStream(request).then(setResult, (reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  }, [request]);

  const title = t(request.protocol === 'tcp' ? 'followTcpTitle' : 'followUdpTitle', { filter: result?.filter ?? '' });
  const counts = result ? conversationCounts(result.segments) : null;
  const segments = result ? visibleSegments(result.segments, direction) : [];

  return (
    <Dialog
      title={title}
      className="wide tall"
      footer={
        <>
          <button
            type="button"
            disabled={!result}
            onClick={() => {
              if (!result) return;
              useDialogs.getState().close();
              void useFilter.getState().apply(result.filter);
            }}
          >
            {t('filterThisStream')}
          </button>
          {request.protocol === 'tcp' && 'stream' in request && (
            <button
              type="button"
              onClick={() => {
                useDialogs.getState().close();
                useLearn.getState().stepThrough(request.stream);
              }}
            >
              {t('followStepThrough')}
            </button>
          )}
          <button type="button" onClick={() => useDialogs.getState().close()}>{t('close')}</button>
        </>
      }
    >
      {error && <p className="dialog-error" role="alert">{error}</p>}
      {!result && !error && <p>{t('loading')}</p>}
      {result && counts && (
        <>
          <p className="follow-summary">
            <span className="follow-client-key">{t('followClient', { endpoint: endpointText(result.client), bytes: result.clientBytes })}</span>
            {' → '}
            <span className="follow-server-key">{t('followServer', { endpoint: endpointText(result.server), bytes: result.serverBytes })}</span>
            {' · '}
            {t('followCounts', { client: counts.clientPackets, server: counts.serverPackets, turns: counts.turns })}
          </p>
          <div className="follow-controls">
            <label>
              {t('followShow')}{' '}
              <select aria-label={t('followShow')} value={direction} onChange={(event) => setDirection(event.currentTarget.value as FollowDirection)}>
                <option value="both">{t('followBoth')}</option>
                <option value="client">{t('followClientOnly')}</option>
                <option value="server">{t('followServerOnly')}</option>
              </select>
            </label>
            <label>
              {t('followAs')}{' '}
              <select aria-label={t('followAs')} value={mode} onChange={(event) => setMode(event.currentTarget.value as FollowMode)}>
                <option value="ascii">ASCII</option>
                <option value="hex">{t('followHexDump')}</option>
                <option value="raw">{t('followRaw')}</option>
              </select>
            </label>
            <label>
              <input type="checkbox" checked={boundaries} onChange={(event) => setBoundaries(event.currentTarget.checked)} /> {t('followBoundaries')}
            </label>
          </div>
          <div className={`follow-text${boundaries ? ' boundaries' : ''}`} role="document" aria-label={t('followStreamContent')}>
            {segments.map((segment, index) => (
              <pre
                key={index}
                className={`follow-segment ${segment.fromServer ? 'follow-server' : 'follow-client'}${segment.missing ? ' follow-missing' : ''}`}
                title={t('followSegmentTitle', { frame: segment.frame, bytes: segment.bytes.length })}
                data-frame={segment.frame}
              >
                {segmentText(segment, mode)}
              </pre>
            ))}
            {segments.length === 0 && <p className="muted">{t('followEmpty')}</p>}
          </div>
          {result.protocol === 'tcp' && <MessageBoundaries result={result} />}
        </>
      )}
    </Dialog>
  );
}

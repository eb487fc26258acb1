import { useMemo, useState } from 'react';
import { frameMessages, type FramingReport } from '../../dissectors/learn/index';
import type { FollowResult } from '../../engine/api/contract';
import { useLanguage, useText } from '../i18n/index';
import { defaultFraming, directionStream, framingRule, type FramingChoice } from './framing-form';
import './learn.css';

/** Blocks drawn at most; a long stream shows its beginning. */
const maxBlocks = 400;

function report(result: FollowResult, fromServer: boolean, choice: FramingChoice): { stream: ReturnType<typeof directionStream>; framed: FramingReport | null; invalid: boolean } {
  const stream = directionStream(result.segments, fromServer);
  const rule = framingRule(choice);
  if (rule === null) return { stream, framed: null, invalid: choice.kind !== 'none' };
  try {
    return { stream, framed: frameMessages(stream.bytes, stream.segments, rule), invalid: false };
  } catch {
    return { stream, framed: null, invalid: true };
  }
}

/**
 * Follow TCP Stream's message boundaries ("sticky packets"): one direction's bytes as the
 * segments TCP sent, and under them the application's messages by the framing the user
 * declares, with how many messages were split and how many segments merged several.
 */
export function MessageBoundaries({ result }: { result: FollowResult }) {
  const t = useText();
  const language = useLanguage((state) => state.language);
  const [fromServer, setFromServer] = useState(false);
  const [choice, setChoice] = useState<FramingChoice>(defaultFraming);
  const { stream, framed, invalid } = useMemo(() => report(result, fromServer, choice), [result, fromServer, choice]);
  const total = Math.max(1, stream.bytes.length);
  const update = (change: Partial<FramingChoice>) => setChoice((current) => ({ ...current, ...change }));
  const width = (length: number) => `${Math.max(0.4, (100 * length) / total)}%`;
  const splitMessages = new Set(framed?.messages.filter((message) => message.segments.length > 1).map((message) => message.index));

  return (
    <section className="message-boundaries" aria-label={t('framingTitle')}>
      <h3>{t('framingTitle')}</h3>
      <p className="muted">{t('framingExplain')}</p>
      <div className="framing-controls">
        <label>
          {t('framingDirection')}{' '}
          <select aria-label={t('framingDirection')} value={fromServer ? 'server' : 'client'} onChange={(event) => setFromServer(event.currentTarget.value === 'server')}>
            <option value="client">{t('stateClient')} → {t('stateServer')}</option>
            <option value="server">{t('stateServer')} → {t('stateClient')}</option>
          </select>
        </label>
        <label>
          {t('framingRule')}{' '}
          <select aria-label={t('framingRule')} value={choice.kind} onChange={(event) => update({ kind: event.currentTarget.value as FramingChoice['kind'] })}>
            <option value="none">{t('framingNone')}</option>
            <option value="delimiter">{t('framingDelimiter')}</option>
            <option value="fixed">{t('framingFixed')}</option>
            <option value="length-prefix">{t('framingPrefix')}</option>
          </select>
        </label>
        {choice.kind === 'delimiter' && (
          <label>
            {t('framingDelimiterValue')}{' '}
            <input aria-label={t('framingDelimiterValue')} size={8} value={choice.delimiter} onChange={(event) => update({ delimiter: event.currentTarget.value })} />
          </label>
        )}
        {choice.kind === 'fixed' && (
          <label>
            {t('framingLength')}{' '}
            <input aria-label={t('framingLength')} type="number" min={1} value={choice.length} onChange={(event) => update({ length: Number(event.currentTarget.value) })} />
          </label>
        )}
        {choice.kind === 'length-prefix' && (
          <>
            <label>
              {t('framingPrefixSize')}{' '}
              <select aria-label={t('framingPrefixSize')} value={choice.size} onChange={(event) => update({ size: Number(event.currentTarget.value) as 1 | 2 | 4 })}>
                <option value={1}>1</option>
                <option value={2}>2</option>
                <option value={4}>4</option>
              </select>
            </label>
            <label>
              {t('framingPrefixOrder')}{' '}
              <select aria-label={t('framingPrefixOrder')} value={choice.byteOrder} onChange={(event) => update({ byteOrder: event.currentTarget.value as 'big' | 'little' })}>
                <option value="big">{t('framingBigEndian')}</option>
                <option value="little">{t('framingLittleEndian')}</option>
              </select>
            </label>
            <label>
              <input type="checkbox" checked={choice.includesPrefix} onChange={(event) => update({ includesPrefix: event.currentTarget.checked })} /> {t('framingPrefixIncludes')}
            </label>
          </>
        )}
      </div>
      {invalid && <p className="learn-error">{t('framingInvalid')}</p>}
      {framed && (
        <p className="framing-summary" data-testid="framing-summary">
          {t('framingSummary', { messages: framed.messages.length, segments: framed.segments.length, split: framed.splitMessages, merged: framed.mergedSegments })}
          {framed.tail && ` · ${t('framingIncomplete', { bytes: framed.tail.length })}`}
          {framed.error && ` · ${framed.error[language]}`}
        </p>
      )}
      <div className="framing-strips">
        <div className="framing-strip segments" aria-label="segments">
          {(framed?.segments ?? stream.segments.map((segment) => ({ ...segment, messages: [] as readonly number[] }))).slice(0, maxBlocks).map((segment) => {
            const merged = segment.messages.length > 1;
            return (
              <span
                key={`${segment.frame}-${segment.offset}`}
                className={`framing-block${merged ? ' merged' : ''}`}
                style={{ width: width(segment.length) }}
                title={`${t('framingSegment', { frame: segment.frame, bytes: segment.length })}${merged ? ` · ${t('framingMerged')}` : ''}`}
              >
                {segment.frame}
              </span>
            );
          })}
        </div>
        {framed && (
          <div className="framing-strip messages" aria-label="messages">
            {framed.messages.slice(0, maxBlocks).map((message) => (
              <span
                key={message.index}
                className={`framing-block${splitMessages.has(message.index) ? ' split' : ''}`}
                style={{ width: width(message.length) }}
                title={`${t('framingMessage', { number: message.index + 1, bytes: message.length })} · ${message.frames.join(', ')}${splitMessages.has(message.index) ? ` · ${t('framingSplit')}` : ''}`}
              >
                {message.index + 1}
              </span>
            ))}
            {framed.tail && <span className="framing-block tail" style={{ width: width(framed.tail.length) }} title={t('framingIncomplete', { bytes: framed.tail.length })}>…</span>}
          </div>
        )}
      </div>
    </section>
  );
}

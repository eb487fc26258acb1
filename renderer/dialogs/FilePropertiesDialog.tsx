import { useEffect, useState } from 'react';
import type { FileProperties } from '../../engine/api/contract';
import { useText } from '../i18n/index';
import { useCapture } from '../state/capture-store';
import { engine } from '../state/engine';
import { Dialog } from './Dialog';
import { formatBytes, formatCount, formatDateTime, formatDecimal, formatElapsed } from './format';

/** Statistics › Capture File Properties: what capinfos says, from the engine's store. */
export function FilePropertiesDialog() {
  const t = useText();
  const [properties, setProperties] = useState<FileProperties | null>(null);
  useEffect(() => {
    engine().fileProperties().then(setProperties, (error: unknown) => useCapture.getState().showProblem(error instanceof Error ? error.message : String(error)));
  }, []);

  const rows: Array<[string, string]> = properties
    ? [
      [t('propName'), properties.path ?? properties.name],
      [t('propFormat'), `${properties.format} ${properties.formatVersion}${properties.compressed ? ' (gzip)' : ''}, ${properties.byteOrder}`],
      [t('propEncapsulation'), properties.encapsulation],
      [t('propSnapLength'), properties.snapLength === null ? t('propNotSet') : formatCount(properties.snapLength)],
      [t('propResolution'), properties.resolution],
      [t('propFileSize'), `${formatBytes(properties.fileSize)} (${formatCount(properties.fileSize)})`],
      [t('propPackets'), formatCount(properties.packets)],
      [t('propDisplayed'), formatCount(properties.displayed)],
      [t('propMarked'), formatCount(properties.marked)],
      [t('propDataSize'), `${formatBytes(properties.dataSize)} (${formatCount(properties.dataSize)})`],
      [t('propFirstPacket'), properties.firstTime === null ? '—' : formatDateTime(properties.firstTime)],
      [t('propLastPacket'), properties.lastTime === null ? '—' : formatDateTime(properties.lastTime)],
      [t('propElapsed'), properties.elapsed === null ? '—' : `${formatElapsed(properties.elapsed)} (${properties.elapsed.toFixed(6)} s)`],
      [t('propByteRate'), `${formatDecimal(properties.byteRate)} bytes/s`],
      [t('propBitRate'), `${formatDecimal(properties.bitRate)} bits/s`],
      [t('propAverageSize'), `${formatDecimal(properties.averagePacketSize)} bytes`],
      [t('propPacketRate'), `${formatDecimal(properties.packetRate)} packets/s`],
      ...(properties.application ? [[t('propApplication'), properties.application] as [string, string]] : []),
      ...(properties.os ? [[t('propOs'), properties.os] as [string, string]] : []),
      ...(properties.hardware ? [[t('propHardware'), properties.hardware] as [string, string]] : []),
    ]
    : [];

  return (
    <Dialog title={t('fileProperties')} className="wide">
      {!properties ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <table className="properties-table">
            <tbody>
              {rows.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('propInterfaces')}</h3>
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('propInterface')}</th>
                <th>{t('propEncapsulation')}</th>
                <th>{t('propSnapLength')}</th>
                <th>{t('propCaptureFilter')}</th>
                <th className="numeric">{t('propPackets')}</th>
              </tr>
            </thead>
            <tbody>
              {properties.interfaces.map((entry, index) => (
                <tr key={index}>
                  <td>{entry.name ?? entry.description ?? `#${index}`}</td>
                  <td>{entry.encapsulation}</td>
                  <td>{entry.snapLength || t('propNotSet')}</td>
                  <td>{entry.filter ?? t('propNone')}</td>
                  <td className="numeric">{formatCount(entry.packets)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('propComments')}</h3>
          <div className="properties-comments">
            {[...properties.comments, ...properties.interfaces.flatMap((entry) => entry.comments)].map((comment, index) => <p key={index}>{comment}</p>)}
            {properties.comments.length === 0 && properties.interfaces.every((entry) => entry.comments.length === 0) && <p className="muted">{t('propNone')}</p>}
          </div>
        </>
      )}
    </Dialog>
  );
}

import { useEffect, useState } from 'react';
import type { ExpertEntry, ExpertSeverityName, ExpertSummary } from '../../engine/api/contract';
import { goToPacket } from '../app/actions';
import { useText, type MessageKey } from '../i18n/index';
import { useDialogs } from '../state/dialog-store';
import { engine } from '../state/engine';
import { Dialog } from './Dialog';
import { formatCount } from './format';

/** Wireshark's order: the worst first. */
const severities: ReadonlyArray<[ExpertSeverityName, MessageKey]> = [
  ['error', 'expertSeverityError'],
  ['warn', 'expertSeverityWarn'],
  ['note', 'expertSeverityNote'],
  ['chat', 'expertSeverityChat'],
  ['comment', 'expertSeverityComment'],
];

/**
 * Analyze › Expert Information: the items the dissectors flagged, grouped by severity, each
 * with its group, protocol, summary and count (tshark -z expert). Clicking an item goes to the
 * first packet that has it.
 */
export function ExpertDialog() {
  const t = useText();
  const [summary, setSummary] = useState<ExpertSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    engine().expertSummary().then(setSummary, (reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  }, []);

  const goTo = async (entry: ExpertEntry) => {
    if (await goToPacket(entry.firstFrame)) useDialogs.getState().close();
    else setNotice(t('expertNotDisplayed', { frame: entry.firstFrame }));
  };

  const groups = summary
    ? severities.map(([severity, label]) => ({ severity, label, entries: summary.entries.filter((entry) => entry.severity === severity) })).filter((group) => group.entries.length > 0)
    : [];

  return (
    <Dialog title={t('expertInfo')} className="wide tall">
      {error && <p className="dialog-error" role="alert">{error}</p>}
      {!summary && !error && <p>{t('loading')}</p>}
      {summary && groups.length === 0 && <p className="muted">{t('expertNone')}</p>}
      {groups.length > 0 && (
        <div className="data-table-scroll">
          <table className="data-table expert-table" aria-label={t('expertInfo')}>
            <thead>
              <tr>
                <th>{t('expertSeverity')}</th>
                <th>{t('expertSummary')}</th>
                <th>{t('expertGroup')}</th>
                <th>{t('expertProtocol')}</th>
                <th className="numeric">{t('expertCount')}</th>
                <th className="numeric">{t('expertFirstFrame')}</th>
              </tr>
            </thead>
            {groups.map(({ severity, label, entries }) => (
              <tbody key={severity} className={`expert-${severity}`}>
                <tr className="expert-severity-row">
                  <th scope="rowgroup" colSpan={4}>
                    <span className="expert-badge" />
                    {t(label)}
                  </th>
                  <td className="numeric">{formatCount(entries.reduce((total, entry) => total + entry.count, 0))}</td>
                  <td />
                </tr>
                {entries.map((entry, index) => (
                  <tr key={index} className="expert-entry" title={t('expertGoTo', { frame: entry.firstFrame })} onClick={() => void goTo(entry)}>
                    <td />
                    <td>
                      <button type="button" className="link-button" onClick={(event) => { event.stopPropagation(); void goTo(entry); }}>{entry.summary}</button>
                    </td>
                    <td>{entry.group}</td>
                    <td>{entry.protocol}</td>
                    <td className="numeric">{formatCount(entry.count)}</td>
                    <td className="numeric">{entry.firstFrame}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
      <p className="toolbar-notice" aria-live="polite">{notice}</p>
    </Dialog>
  );
}

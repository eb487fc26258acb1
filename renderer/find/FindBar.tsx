import { useState } from 'react';
import type { FindRequest } from '../../engine/api/contract';
import { FIND_INPUT_ID, selectDisplayed } from '../app/actions';
import { validateFilter } from '../filter/check-filter';
import { useText } from '../i18n/index';
import { useCapture } from '../state/capture-store';
import { useDialogs } from '../state/dialog-store';
import { engine } from '../state/engine';
import { useSelection } from '../state/selection-store';

type Kind = FindRequest['kind'];
type Target = FindRequest['target'];

const kindLabels: Record<Kind, 'findByFilter' | 'findByHex' | 'findByString' | 'findByRegex'> = {
  filter: 'findByFilter', hex: 'findByHex', string: 'findByString', regex: 'findByRegex',
};
const targetLabels: Record<Target, 'findInList' | 'findInDetails' | 'findInBytes'> = { list: 'findInList', details: 'findInDetails', bytes: 'findInBytes' };

/**
 * Edit › Find Packet (Ctrl+F): Wireshark's find bar. Searches the displayed packets from the
 * selection on, by display filter, hex bytes, string or regex; Enter finds the next match,
 * Shift+Enter the previous one; the search wraps around the ends.
 */
export function FindBar() {
  const t = useText();
  const [kind, setKind] = useState<Kind>('filter');
  const [target, setTarget] = useState<Target>('list');
  const [text, setText] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const hasCapture = useCapture((state) => state.summary !== null);
  const filterCheck = kind === 'filter' ? validateFilter(text) : null;

  const find = async (backward: boolean) => {
    if (!hasCapture || text.trim() === '' || filterCheck?.state === 'invalid') return;
    setBusy(true);
    try {
      const from = useSelection.getState().displayedIndex;
      const result = await engine().findPacket({ kind, text: kind === 'filter' ? text.trim() : text, target, caseSensitive, backward, from });
      if (result.error) setMessage(result.error);
      else if (result.displayedIndex < 0) setMessage(t('findNone'));
      else {
        await selectDisplayed(result.displayedIndex);
        setMessage(result.wrapped ? t('findWrapped', { number: result.frame }) : t('findFound', { number: result.frame }));
      }
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="find-bar"
      role="search"
      aria-label={t('findPacket')}
      onSubmit={(event) => {
        event.preventDefault();
        void find(false);
      }}
    >
      <select aria-label={t('findBy')} value={kind} onChange={(event) => setKind(event.currentTarget.value as Kind)}>
        {(Object.keys(kindLabels) as Kind[]).map((entry) => <option key={entry} value={entry}>{t(kindLabels[entry])}</option>)}
      </select>
      {(kind === 'string' || kind === 'regex') && (
        <select aria-label={t('findIn')} value={target} onChange={(event) => setTarget(event.currentTarget.value as Target)}>
          {(Object.keys(targetLabels) as Target[]).map((entry) => <option key={entry} value={entry}>{t(targetLabels[entry])}</option>)}
        </select>
      )}
      <input
        id={FIND_INPUT_ID}
        className={`find-input ${filterCheck?.state ?? ''}`}
        aria-label={t('findText')}
        placeholder={t(kind === 'hex' ? 'findHexPlaceholder' : kind === 'filter' ? 'filterPlaceholder' : 'findText')}
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setMessage('');
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.shiftKey) {
            event.preventDefault();
            void find(true);
          } else if (event.key === 'Escape') useDialogs.getState().setFindOpen(false);
        }}
      />
      {(kind === 'string' || kind === 'regex') && (
        <label>
          <input type="checkbox" checked={caseSensitive} onChange={(event) => setCaseSensitive(event.currentTarget.checked)} /> {t('findCaseSensitive')}
        </label>
      )}
      <button type="button" disabled={busy} onClick={() => void find(true)}>{t('findPrevious')}</button>
      <button type="submit" disabled={busy}>{t('findNext')}</button>
      <span className="find-message" aria-live="polite">{filterCheck?.state === 'invalid' ? filterCheck.message : message}</span>
      <button type="button" className="find-close" aria-label={t('close')} onClick={() => useDialogs.getState().setFindOpen(false)}>×</button>
    </form>
  );
}

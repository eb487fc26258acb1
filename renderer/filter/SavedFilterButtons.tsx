import { useState } from 'react';
import { useText } from '../i18n/index';
import { useFilter } from '../state/filter-store';

/** Wireshark's filter buttons: save the current filter under a label; one click applies it. */
export function SavedFilterButtons() {
  const t = useText();
  const saved = useFilter((state) => state.saved);
  const [labeling, setLabeling] = useState(false);
  const [label, setLabel] = useState('');

  const save = () => {
    const { text, save: store } = useFilter.getState();
    store(label, text);
    setLabeling(false);
    setLabel('');
  };

  return (
    <div className="saved-filters" role="toolbar" aria-label={t('savedFilters')}>
      {labeling ? (
        <span className="save-filter-form">
          <input
            aria-label={t('saveFilterLabel')}
            placeholder={t('saveFilterLabel')}
            value={label}
            autoFocus
            onChange={(event) => setLabel(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                save();
              } else if (event.key === 'Escape') setLabeling(false);
            }}
          />
          <button type="button" onClick={save}>{t('saveFilter')}</button>
        </span>
      ) : (
        <button type="button" className="add-filter-button" title={t('saveFilterTitle')} aria-label={t('saveFilter')} onClick={() => setLabeling(true)}>
          +
        </button>
      )}
      {saved.map((entry) => (
        <span key={entry.label} className="saved-filter">
          <button type="button" title={entry.filter} onClick={() => void useFilter.getState().apply(entry.filter)}>{entry.label}</button>
          <button type="button" className="remove-saved-filter" aria-label={t('removeSavedFilter', { label: entry.label })} onClick={() => useFilter.getState().remove(entry.label)}>
            ×
          </button>
        </span>
      ))}
    </div>
  );
}

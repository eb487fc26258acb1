import { FILTER_INPUT_ID } from '../app/actions';
import { useText } from '../i18n/index';
import { useFilter } from '../state/filter-store';
import { SavedFilterButtons } from './SavedFilterButtons';

/**
 * The display filter bar: checked on every keystroke (green valid, red invalid with the
 * message, as in Wireshark), Apply/Clear, recent filters, saved filter buttons.
 */
export function FilterBar() {
  const t = useText();
  const text = useFilter((state) => state.text);
  const check = useFilter((state) => state.check);
  const history = useFilter((state) => state.history);
  const applying = useFilter((state) => state.applying);
  const { setText, apply, clear } = useFilter.getState();
  const message = check.state === 'invalid' ? [check.message, check.suggestion].filter(Boolean).join(' ') : check.state === 'valid' ? t('filterValid') : '';

  return (
    <div className="filter-bar">
      <form
        className="filter-form"
        onSubmit={(event) => {
          event.preventDefault();
          void apply();
        }}
      >
        <input
          id={FILTER_INPUT_ID}
          className={`filter-input ${check.state}`}
          aria-label={t('displayFilter')}
          aria-invalid={check.state === 'invalid'}
          aria-describedby="display-filter-message"
          placeholder={t('filterPlaceholder')}
          spellCheck={false}
          autoComplete="off"
          list="display-filter-history"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <datalist id="display-filter-history" aria-label={t('filterHistory')}>
          {history.map((entry) => <option key={entry} value={entry} />)}
        </datalist>
        <button type="submit" disabled={applying || check.state === 'invalid'}>{t('apply')}</button>
        <button type="button" onClick={() => void clear()}>{t('clear')}</button>
        <SavedFilterButtons />
      </form>
      <div id="display-filter-message" className={`filter-message ${check.state}`} aria-live="polite">{message}</div>
    </div>
  );
}

import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
// dissectors/index registers every protocol, so the registry lists every field name.
import { registry } from '../../dissectors/index';
import { FILTER_INPUT_ID } from '../app/actions';
import { useText } from '../i18n/index';
import { useCapture } from '../state/capture-store';
import { useFilter } from '../state/filter-store';
import { FilterSuggestions, SUGGESTIONS_ID, suggestionId } from './FilterSuggestions';
import { SavedFilterButtons } from './SavedFilterButtons';
import { applySuggestion, suggest, type Suggestion } from './suggestions';

/**
 * The display filter bar: checked on every keystroke (green valid, red invalid with the
 * message, as in Wireshark), autocomplete of field names and recent filters, Apply/Clear,
 * saved filter buttons.
 */
export function FilterBar() {
  const t = useText();
  const text = useFilter((state) => state.text);
  const check = useFilter((state) => state.check);
  const history = useFilter((state) => state.history);
  const applying = useFilter((state) => state.applying);
  const applyingFilter = useFilter((state) => state.applyingFilter);
  const filterFraction = useCapture((state) => state.filterFraction);
  const { setText, apply, clear, cancel } = useFilter.getState();
  const input = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const abbrevs = useMemo(() => registry.all().map((field) => field.abbrev), []);
  const items = open ? suggest(text, caret, history, abbrevs) : [];
  const message = check.state === 'invalid' ? [check.message, check.suggestion].filter(Boolean).join(' ') : check.state === 'valid' ? t('filterValid') : '';

  const choose = (item: Suggestion) => {
    const next = applySuggestion(text, item);
    setText(next.text);
    setCaret(next.caret);
    setActive(-1);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (items.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // -1 is "no choice": the cycle runs -1, 0, …, n-1, -1.
      setActive((current) => ((current + 1 + step + items.length + 1) % (items.length + 1)) - 1);
    } else if ((event.key === 'Tab' || event.key === 'Enter') && active >= 0 && active < items.length) {
      event.preventDefault();
      choose(items[active]);
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="filter-bar">
      <form
        className="filter-form"
        onSubmit={(event) => {
          event.preventDefault();
          setOpen(false);
          void apply();
        }}
      >
        <span className="filter-field">
          <input
            ref={input}
            id={FILTER_INPUT_ID}
            role="combobox"
            className={`filter-input ${check.state}`}
            aria-label={t('displayFilter')}
            aria-invalid={check.state === 'invalid'}
            aria-describedby="display-filter-message"
            aria-autocomplete="list"
            aria-expanded={items.length > 0}
            aria-controls={SUGGESTIONS_ID}
            aria-activedescendant={active >= 0 && active < items.length ? suggestionId(active) : undefined}
            placeholder={t('filterPlaceholder')}
            spellCheck={false}
            autoComplete="off"
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setCaret(event.currentTarget.selectionStart ?? event.currentTarget.value.length);
              setOpen(true);
              setActive(-1);
            }}
            onSelect={(event) => setCaret(event.currentTarget.selectionStart ?? 0)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
          />
          {items.length > 0 && <FilterSuggestions items={items} active={active} onChoose={choose} />}
        </span>
        <button type="submit" disabled={applying || check.state === 'invalid'}>{t('apply')}</button>
        <button type="button" onClick={() => void clear()}>{t('clear')}</button>
        {applying && filterFraction !== null && (
          <span className="filter-progress">
            <progress
              aria-label={t('filterProgress', { filter: applyingFilter ?? '' })}
              max={1}
              value={filterFraction}
            />
            <span>{Math.round(filterFraction * 100)}%</span>
            <button type="button" onClick={() => void cancel()}>{t('cancel')}</button>
          </span>
        )}
        <SavedFilterButtons />
      </form>
      <div id="display-filter-message" className={`filter-message ${check.state}`} aria-live="polite">{message}</div>
    </div>
  );
}

import { useText } from '../i18n/index';
import type { CaptureFilterState } from './use-capture-filter-check';

interface Props {
  value: string;
  check: CaptureFilterState;
  onChange(value: string): void;
  onSubmit(): void;
}

/** The capture (BPF) filter box: green when libpcap compiles it, red with libpcap's error text. */
export function CaptureFilterField({ value, check, onChange, onSubmit }: Props) {
  const t = useText();
  const className = check.state === 'valid' ? 'valid' : check.state === 'invalid' ? 'invalid' : '';
  const message = check.state === 'invalid'
    ? check.message
    : check.state === 'valid'
      ? (check.unchecked ? t('captureFilterUnchecked') : t('captureFilterValid'))
      : check.state === 'checking' ? t('captureFilterChecking') : t('captureFilterEmpty');
  return (
    <div className="capture-filter">
      <label className="inline-field">
        {t('captureFilter')}
        <input
          className={`filter-input ${className}`}
          aria-label={t('captureFilter')}
          aria-invalid={check.state === 'invalid'}
          placeholder={t('captureFilterPlaceholder')}
          spellCheck={false}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') onSubmit();
          }}
        />
      </label>
      <div className={`filter-message capture-filter-message ${className}`} role="status">{message}</div>
    </div>
  );
}

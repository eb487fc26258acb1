import { useEffect } from 'react';
import { Dialog } from '../dialogs/Dialog';
import { useText } from '../i18n/index';
import { useDialogs } from '../state/dialog-store';
import { startCapture, stopCapture } from './capture-actions';
import { CaptureFilterField } from './CaptureFilterField';
import { InterfaceTable } from './InterfaceTable';
import { defaultForm, optionsFromForm, useLiveCapture, type CaptureForm } from './live-capture-store';
import { useCaptureFilterCheck } from './use-capture-filter-check';
import { useInterfaceRates } from './use-interface-rates';
import './capture.css';

type NumberField = 'stopAfterPackets' | 'stopAfterSeconds' | 'stopAfterMegabytes' | 'ringMegabytes' | 'ringFiles';
type NumberLabel = 'captureStopPackets' | 'captureStopSeconds' | 'captureStopMegabytes' | 'captureRingMegabytes' | 'captureRingFiles';

/** A positive whole number typed in a box, or null for an empty (or unusable) box. */
function positiveOrNull(text: string): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value > 0 ? value : null;
}

/** Capture › Options…: the interface, a capture filter checked as typed, and the capture's options. */
export function CaptureOptionsDialog() {
  const t = useText();
  const form = useLiveCapture((state) => state.form);
  const setForm = useLiveCapture((state) => state.setForm);
  const running = useLiveCapture((state) => state.status?.running === true);
  const busy = useLiveCapture((state) => state.busy);
  const { interfaces, history, error } = useInterfaceRates();
  const check = useCaptureFilterCheck(form.filter, form.interfaceName);

  // A remembered interface that no longer exists: pick the first one that is up.
  useEffect(() => {
    if (!interfaces || interfaces.length === 0 || interfaces.some((described) => described.name === form.interfaceName)) return;
    const first = interfaces.find((described) => described.up && described.name !== 'any') ?? interfaces[0];
    setForm({ interfaceName: first.name });
  }, [interfaces, form.interfaceName, setForm]);

  const start = (form: CaptureForm) => {
    useDialogs.getState().close();
    void startCapture(optionsFromForm(form));
  };
  const canStart = !running && !busy && form.interfaceName !== '' && check.state !== 'invalid';

  const numberField = (field: NumberField, label: NumberLabel, placeholder: 'captureNoLimit' | 'captureRingOff' | 'captureRingFilesDefault' = 'captureNoLimit') => (
    <label className="inline-field">
      <input
        type="number"
        min={1}
        step={1}
        className="capture-number"
        aria-label={t(label)}
        placeholder={t(placeholder)}
        defaultValue={form[field] ?? ''}
        onChange={(event) => setForm({ [field]: positiveOrNull(event.currentTarget.value) })}
      />
      {t(label)}
    </label>
  );

  return (
    <Dialog
      title={t('captureOptionsTitle')}
      className="wide capture-options"
      footer={
        <>
          <button type="button" onClick={() => useDialogs.getState().close()}>{t('close')}</button>
          {running
            ? <button type="button" className="primary" disabled={busy} onClick={() => void stopCapture()}>{t('captureStop')}</button>
            : <button type="button" className="primary" disabled={!canStart} onClick={() => start(form)}>{t('captureStart')}</button>}
        </>
      }
    >
      {error && <p className="dialog-error">{error}</p>}
      {interfaces === null
        ? <p className="muted">{t('captureLoadingInterfaces')}</p>
        : interfaces.length === 0
          ? <p className="dialog-error">{t('captureNoInterfaces')}</p>
          : (
            <InterfaceTable
              interfaces={interfaces}
              history={history}
              selected={form.interfaceName}
              onSelect={(interfaceName) => setForm({ interfaceName })}
              onStart={(interfaceName) => {
                const chosen = { ...form, interfaceName };
                setForm({ interfaceName });
                if (!running && check.state !== 'invalid') start(chosen);
              }}
            />
          )}
      <CaptureFilterField value={form.filter} check={check} onChange={(filter) => setForm({ filter })} onSubmit={() => canStart && start(form)} />
      <div className="capture-option-row">
        <label className="inline-field">
          <input type="checkbox" checked={form.promiscuous} onChange={(event) => setForm({ promiscuous: event.currentTarget.checked })} />
          {t('capturePromiscuous')}
        </label>
        <label className="inline-field">
          {t('captureSnapLength')}
          <input
            type="number"
            min={1}
            max={defaultForm.snapLength}
            className="capture-number"
            aria-label={t('captureSnapLength')}
            defaultValue={form.snapLength}
            onChange={(event) => setForm({ snapLength: Math.min(positiveOrNull(event.currentTarget.value) ?? defaultForm.snapLength, defaultForm.snapLength) })}
          />
          {t('captureBytes')}
        </label>
      </div>
      <fieldset className="capture-option-row capture-stop">
        <legend>{t('captureStopAfter')}</legend>
        {numberField('stopAfterPackets', 'captureStopPackets')}
        {numberField('stopAfterSeconds', 'captureStopSeconds')}
        {numberField('stopAfterMegabytes', 'captureStopMegabytes')}
      </fieldset>
      <fieldset className="capture-option-row capture-stop" title={t('captureRingHint')}>
        <legend>{t('captureRingBuffer')}</legend>
        {numberField('ringMegabytes', 'captureRingMegabytes', 'captureRingOff')}
        {numberField('ringFiles', 'captureRingFiles', 'captureRingFilesDefault')}
      </fieldset>
    </Dialog>
  );
}

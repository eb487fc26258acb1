import { useEffect, useState } from 'react';
import type { SampleCapture } from '../../engine/api/contract';
import { useLanguage, useText } from '../i18n/index';
import { useCapture } from '../state/capture-store';
import { engine } from '../state/engine';
import { useSelection } from '../state/selection-store';
import '../learn/learn.css';

/**
 * What the window shows before a capture is open: how to open one, and PacketLens's sample
 * captures, each with its one-line lesson in the UI language (the other language beneath, for
 * learners who read both). A click opens the sample.
 */
export function Welcome() {
  const t = useText();
  const language = useLanguage((state) => state.language);
  const other = language === 'en' ? 'zh' : 'en';
  const [samples, setSamples] = useState<SampleCapture[] | null>(null);
  const [opening, setOpening] = useState<string | null>(null);

  useEffect(() => {
    engine().sampleCaptures().then(setSamples, () => setSamples([]));
  }, []);

  const open = async (sample: SampleCapture) => {
    setOpening(sample.file);
    try {
      const summary = await engine().openSample(sample.file);
      useSelection.getState().clear();
      useCapture.getState().handleEvent({ type: 'summary', payload: summary });
    } catch (error) {
      useCapture.getState().showProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setOpening(null);
    }
  };

  return (
    <div className="welcome welcome-screen">
      <div className="welcome-content">
        <h2>{t('welcomeTitle')}</h2>
        <p>{t('welcomeIntro')}</p>
        <h3>{t('welcomeSamples')}</h3>
        {samples !== null && samples.length === 0 && <p className="muted">{t('welcomeNoSamples')}</p>}
        <ul className="sample-list">
          {samples?.map((sample) => (
            <li key={sample.file}>
              <button
                type="button"
                className="sample"
                disabled={opening !== null}
                aria-label={t('welcomeOpenSample', { title: sample.title[language] })}
                data-file={sample.file}
                onClick={() => void open(sample)}
              >
                <span className="sample-title">{sample.title[language]}</span>
                <span className="sample-lesson">{sample.lesson[language]}</span>
                <span className="sample-lesson other" lang={other === 'zh' ? 'zh-CN' : 'en'}>{sample.title[other]} — {sample.lesson[other]}</span>
                <span className="sample-file">{sample.file}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

import { useText } from '../i18n/index';
import { useCapture } from '../state/capture-store';

/** A problem the user must see (file could not be opened, engine gone); dismissable. */
export function ProblemBanner() {
  const t = useText();
  const problem = useCapture((state) => state.problem);
  const disconnected = useCapture((state) => state.disconnected);
  if (!problem && !disconnected) return null;
  return (
    <div className="problem-banner" role="alert">
      <strong>{t('problem')}:</strong> {disconnected ? t('engineDisconnected') : problem!.message}
      {problem?.detail && <span className="problem-detail"> {problem.detail}</span>}
      {!disconnected && <button type="button" onClick={() => useCapture.getState().dismissProblem()}>{t('dismiss')}</button>}
    </div>
  );
}

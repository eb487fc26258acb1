import { useEffect, useMemo, useState } from 'react';
import type { FollowEndpoint, TcpConversation, TcpConversationStep, TcpPhaseName } from '../../engine/api/contract';
import { useLanguage, useText, type Translate } from '../i18n/index';
import { engine } from '../state/engine';
import { useCapture } from '../state/capture-store';
import { selectFrame } from './learn-actions';
import { SequenceDiagram, type SequenceArrow } from './SequenceDiagram';
import { StateDiagram } from './StateDiagram';
import { stepArithmetic } from './step-arithmetic';

const playIntervalMs = 1400;

export const endpointText = (endpoint: FollowEndpoint | null) =>
  endpoint ? `${endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address}:${endpoint.port}` : '—';

/** "[SYN, ACK] Seq=0 Ack=1 Len=0 Win=65160", as the packet list's Info column words it. */
export function arrowLabel(step: TcpConversationStep): string {
  const ack = step.flags & 0x010 ? ` Ack=${step.relAck}` : '';
  return `[${step.flagsText}] Seq=${step.relSeq}${ack} Len=${step.len} Win=${step.window}`;
}

function phaseLabel(t: Translate, phase: TcpPhaseName, steps: readonly TcpConversationStep[], start: number): string {
  if (phase === 'handshake') return t('phaseHandshake');
  if (phase === 'data') return t('phaseData');
  if (phase === 'reset') return t('phaseReset');
  let count = 0;
  while (start + count < steps.length && steps[start + count].phase === 'teardown') count++;
  return t(count >= 4 ? 'phaseTeardown' : 'phaseTeardownShort');
}

/** The ladder's arrows: phases as bands, a state written beside a line when it changes. */
function ladderArrows(t: Translate, steps: readonly TcpConversationStep[]): SequenceArrow[] {
  return steps.map((step, index) => {
    const previous = steps[index - 1];
    const clientChanged = !previous || step.clientAfter !== step.clientBefore;
    const serverChanged = !previous || step.serverAfter !== step.serverBefore;
    return {
      key: step.frame,
      from: step.fromClient ? 0 : 1,
      to: step.fromClient ? 1 : 0,
      label: arrowLabel(step),
      note: `#${step.frame}  ${step.time.toFixed(6)}`,
      laneNotes: [clientChanged ? step.clientAfter : '', serverChanged ? step.serverAfter : ''],
      band: !previous || previous.phase !== step.phase ? { label: phaseLabel(t, step.phase, steps, index), kind: step.phase } : undefined,
    };
  });
}

/**
 * The conversation stepper: a TCP connection as a ladder diagram, one packet at a time
 * (Previous / Next / Play, ← / →), each step selecting that packet in the list, tree and hex
 * pane, with both endpoints' states before → after on the RFC state diagram and the sequence
 * arithmetic in words.
 */
export function ConversationStepper({ stream }: { stream: number }) {
  const t = useText();
  const language = useLanguage((state) => state.language);
  const capturePath = useCapture((state) => `${state.summary?.name}:${state.summary?.frames}`);
  const [conversation, setConversation] = useState<TcpConversation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [hidden, setHidden] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    setConversation(null);
    setError(null);
    engine().tcpConversation(stream).then(
      (result) => {
        if (!live) return;
        setConversation(result);
        setIndex(0);
      },
      (reason: unknown) => live && setError(reason instanceof Error ? reason.message : String(reason)),
    );
    return () => {
      live = false;
    };
  }, [stream, capturePath]);

  const steps = conversation?.steps ?? [];
  const count = steps.length;
  const step = steps[index] as TcpConversationStep | undefined;

  // Each step selects its packet (with the TCP layer, so the hex pane shows the TCP header).
  useEffect(() => {
    if (!step) return;
    let live = true;
    void selectFrame(step.frame, 'tcp').then((shown) => live && setHidden(shown ? null : step.frame));
    return () => {
      live = false;
    };
  }, [step?.frame]);

  useEffect(() => {
    if (!playing) return;
    if (index >= count - 1) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setIndex((current) => Math.min(count - 1, current + 1)), playIntervalMs);
    return () => clearTimeout(timer);
  }, [playing, index, count]);

  // ← / → anywhere but in a text box or the detail tree (which uses them to fold).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [role="tree"], .detail-pane')) return;
      event.preventDefault();
      setPlaying(false);
      setIndex((current) => Math.max(0, Math.min(count - 1, current + (event.key === 'ArrowRight' ? 1 : -1))));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count]);

  const arrows = useMemo(() => ladderArrows(t, steps), [steps, language]);
  const arithmetic = useMemo(() => (step ? stepArithmetic(steps, index) : null), [steps, index]);

  if (error) return <p className="learn-error" role="alert">{error}</p>;
  if (!conversation) return <p className="muted">{t('stepperLoading')}</p>;
  if (!step) return <p className="muted">{t('stepperEmpty')}</p>;
  const earlier = steps[index - 1];

  return (
    <div className="stepper" aria-label={t('stepperTitle', { stream, client: endpointText(conversation.client), server: endpointText(conversation.server) })}>
      <header className="stepper-header">
        <h3>{t('stepperTitle', { stream, client: endpointText(conversation.client), server: endpointText(conversation.server) })}</h3>
        <div className="stepper-controls">
          <button type="button" onClick={() => { setPlaying(false); setIndex(0); }} disabled={index === 0}>{t('stepFirst')}</button>
          <button type="button" onClick={() => { setPlaying(false); setIndex(Math.max(0, index - 1)); }} disabled={index === 0}>{t('stepPrevious')}</button>
          <button type="button" onClick={() => { setPlaying(false); setIndex(Math.min(count - 1, index + 1)); }} disabled={index >= count - 1}>{t('stepNext')}</button>
          <button type="button" aria-pressed={playing} onClick={() => { if (index >= count - 1) setIndex(0); setPlaying(!playing); }}>
            {playing ? t('stepPause') : t('stepPlay')}
          </button>
          <span className="stepper-counter" data-testid="step-counter">{t('stepCounter', { frame: step.frame, index: index + 1, count })}</span>
          <span className="muted">{t('stepKeys')}</span>
        </div>
        {hidden !== null && <p className="muted">{t('stepNotDisplayed', { frame: hidden })}</p>}
      </header>
      <div className="stepper-body">
        <SequenceDiagram
          lanes={[
            { label: t('stateClient'), detail: endpointText(conversation.client) },
            { label: t('stateServer'), detail: endpointText(conversation.server) },
          ]}
          arrows={arrows}
          current={index}
          dimFuture
          onSelect={(chosen) => { setPlaying(false); setIndex(chosen); }}
          label={t('ladderLabel')}
        />
        <section className="stepper-explain" aria-live="polite">
          <p><strong>{t('stepWhy')}: </strong><span data-testid="step-why">{step.why[language]}</span></p>
          {arithmetic && <p><strong>{t('stepArithmetic')}: </strong><span data-testid="step-arithmetic">{arithmetic[language]}</span></p>}
          {step.inferred && <p className="muted">* {t('stateInferred')}</p>}
        </section>
        <div className="stepper-states">
          <StateDiagram side="client" before={step.clientBefore} after={step.clientAfter} earlier={earlier ? earlier.clientBefore : null} inferred={step.inferred} />
          <StateDiagram side="server" before={step.serverBefore} after={step.serverAfter} earlier={earlier ? earlier.serverBefore : null} inferred={step.inferred} />
        </div>
      </div>
    </div>
  );
}

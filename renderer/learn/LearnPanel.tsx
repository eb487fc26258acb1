import { useText, type MessageKey } from '../i18n/index';
import { ConversationStepper } from './ConversationStepper';
import { ExplainPanel } from './ExplainPanel';
import { FlowGraph } from './FlowGraph';
import { HeaderDiagramView } from './HeaderDiagramView';
import { useLearn, type LearnTab } from './learn-store';
import './learn.css';

const tabs: ReadonlyArray<[LearnTab, MessageKey]> = [
  ['stepper', 'learnTabStepper'],
  ['flow', 'learnTabFlow'],
  ['explain', 'learnTabExplain'],
  ['diagram', 'learnTabDiagram'],
];

/** The learning panel beside the packet panes: stepper, flow graph, explanations, header diagram. */
export function LearnPanel() {
  const t = useText();
  const { open, tab, stream } = useLearn();
  if (!open) return null;
  return (
    <aside className={`learn-panel learn-${tab}`} aria-label={t('learnPanel')}>
      <div className="learn-tabs" role="tablist">
        {tabs.map(([name, label]) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'selected' : ''} onClick={() => useLearn.getState().show(name)}>
            {t(label)}
          </button>
        ))}
        <button type="button" className="learn-close" aria-label={t('learnClose')} title={t('learnClose')} onClick={() => useLearn.getState().close()}>×</button>
      </div>
      <div className="learn-body" role="tabpanel">
        {tab === 'stepper' && (stream === null ? <p className="muted">{t('stepperChoose')}</p> : <ConversationStepper stream={stream} />)}
        {tab === 'flow' && <FlowGraph />}
        {tab === 'explain' && <ExplainPanel />}
        {tab === 'diagram' && <HeaderDiagramView />}
      </div>
    </aside>
  );
}

/** The toolbar-side button that shows or hides the panel. */
export function LearnToggle() {
  const t = useText();
  const open = useLearn((state) => state.open);
  return (
    <button type="button" className="learn-toggle" aria-pressed={open} title={t('learnShowTitle')} onClick={() => useLearn.getState().toggle()}>
      {t('learnShow')}
    </button>
  );
}

import { useMemo } from 'react';
import '../../dissectors/index';
import { describeFilter, filterToBpf, type Bilingual, type BpfTranslation } from '../../dissectors/learn/index';
import { useLanguage, useText } from '../i18n/index';
import { useFilter } from '../state/filter-store';
import './learn.css';

/** The sentence and the BPF translation of a valid filter; null for an empty or invalid one. */
function explain(text: string): { sentence: Bilingual; bpf: BpfTranslation } | null {
  try {
    return { sentence: describeFilter(text), bpf: filterToBpf(text) };
  } catch {
    return null;
  }
}

/**
 * Under the filter bar: the filter being typed as a sentence in the UI language, and the
 * capture filter (BPF) that selects the same packets, or why there is none.
 */
export function FilterExplainer() {
  const t = useText();
  const language = useLanguage((state) => state.language);
  const text = useFilter((state) => state.text);
  const valid = useFilter((state) => state.check.state === 'valid');
  const explained = useMemo(() => (valid ? explain(text) : null), [text, valid]);
  if (!explained) return null;
  const { sentence, bpf } = explained;
  return (
    <div className="filter-explainer" role="note" data-testid="filter-explainer">
      <span className="filter-sentence">{t('filterExplainSentence', { sentence: sentence[language] })}</span>
      {' · '}
      {'bpf' in bpf ? (
        <span className="filter-bpf">
          {t('filterExplainBpf', { bpf: '' })}<code>{bpf.bpf}</code>{bpf.note ? ` (${bpf.note[language]})` : ''}
        </span>
      ) : (
        <span className="filter-bpf muted">{t('filterExplainNoBpf', { reason: bpf.reason[language] })}</span>
      )}
    </div>
  );
}

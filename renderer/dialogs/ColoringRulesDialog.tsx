import { useMemo, useState } from 'react';
import { checkColoringFilter } from '../../dissectors/coloring/rule-filter';
import { useText } from '../i18n/index';
import { defaultUserRules, maxColoringRules, maxColoringRuleText, type UserColoringRule } from '../packet-list/user-coloring-rules';
import { useColoring } from '../state/coloring-store';
import { useDialogs } from '../state/dialog-store';
import { Dialog } from './Dialog';

/** Why a rule's filter is unusable, or null. Checked as Wireshark's engine reads colouring rules (unknown protocols never match). */
function filterProblem(filter: string): string | null {
  if (filter.trim() === '') return 'Empty filter';
  const error = checkColoringFilter(filter);
  return error ? (error.suggestion ? `${error.message} ${error.suggestion}` : error.message) : null;
}

/**
 * View › Colouring Rules: the user's rules in order (the first enabled match colours a packet),
 * edited on a copy; OK keeps them (localStorage) and has the engine evaluate them.
 */
export function ColoringRulesDialog() {
  const t = useText();
  const [rules, setRules] = useState<UserColoringRule[]>(() => useColoring.getState().rules.map((rule) => ({ ...rule })));
  // Some of Wireshark's own defaults need fields we lack ("SCTP ABORT"): like Wireshark with an
  // invalid colouring rule, they stay and never match. Only a filter typed here must be fixed.
  const [known] = useState(() => new Set([...useColoring.getState().rules, ...defaultUserRules()].map((rule) => rule.filter)));
  const problems = useMemo(() => rules.map((rule) => filterProblem(rule.filter)), [rules]);
  const numbersWhere = (test: (index: number) => boolean) => problems.flatMap((problem, index) => (problem && rules[index].enabled && test(index) ? [index + 1] : []));
  const invalid = numbersWhere((index) => !known.has(rules[index].filter));
  const inert = numbersWhere((index) => known.has(rules[index].filter));

  const update = (index: number, change: Partial<UserColoringRule>) => setRules(rules.map((rule, at) => (at === index ? { ...rule, ...change } : rule)));
  const move = (index: number, offset: number) => {
    const target = index + offset;
    if (target < 0 || target >= rules.length) return;
    const next = [...rules];
    [next[index], next[target]] = [next[target], next[index]];
    setRules(next);
  };
  const save = () => {
    if (invalid.length > 0) return;
    useColoring.getState().setRules(rules);
    useDialogs.getState().close();
  };
  const label = (index: number, field: string) => t('coloringRuleLabel', { number: index + 1, field });

  return (
    <Dialog
      title={t('coloringRulesTitle')}
      className="wide tall"
      footer={
        <>
          {invalid.length > 0 && <span className="dialog-error" role="alert">{t('coloringInvalid', { numbers: invalid.join(', ') })}</span>}
          {invalid.length === 0 && inert.length > 0 && <span className="muted">{t('coloringInert', { numbers: inert.join(', ') })}</span>}
          <button type="button" disabled={rules.length >= maxColoringRules} title={rules.length >= maxColoringRules ? t('coloringTooMany', { count: maxColoringRules }) : undefined}
            onClick={() => setRules([{ name: t('coloringNewRule'), filter: 'frame', foreground: '#000000', background: '#ffff80', enabled: true }, ...rules])}>
            {t('coloringAdd')}
          </button>
          <button type="button" onClick={() => setRules(defaultUserRules())}>{t('coloringReset')}</button>
          <span className="toolbar-spacer" />
          <button type="button" onClick={() => useDialogs.getState().close()}>{t('cancel')}</button>
          <button type="button" className="primary" disabled={invalid.length > 0} onClick={save}>{t('ok')}</button>
        </>
      }
    >
      <p className="muted">{t('coloringHint')}</p>
      <div className="data-table-scroll">
        <table className="data-table coloring-rules-table" aria-label={t('coloringRulesTitle')}>
          <thead>
            <tr>
              <th>{t('coloringEnabled')}</th>
              <th>{t('coloringName')}</th>
              <th>{t('coloringFilter')}</th>
              <th>{t('coloringForeground')}</th>
              <th>{t('coloringBackground')}</th>
              <th>{t('coloringPreview')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.map((rule, index) => (
              <tr key={index}>
                <td>
                  <input type="checkbox" aria-label={label(index, t('coloringEnabled'))} checked={rule.enabled} onChange={(event) => update(index, { enabled: event.currentTarget.checked })} />
                </td>
                <td>
                  <input type="text" aria-label={label(index, t('coloringName'))} value={rule.name} maxLength={maxColoringRuleText} onChange={(event) => update(index, { name: event.currentTarget.value })} />
                </td>
                <td className="coloring-filter-cell">
                  <input
                    type="text"
                    aria-label={label(index, t('coloringFilter'))}
                    className={`coloring-filter ${problems[index] ? 'invalid' : 'valid'}`}
                    aria-invalid={problems[index] !== null}
                    title={problems[index] ?? undefined}
                    value={rule.filter}
                    maxLength={maxColoringRuleText}
                    spellCheck={false}
                    onChange={(event) => update(index, { filter: event.currentTarget.value })}
                  />
                  {problems[index] && <div className="coloring-filter-error">{problems[index]}</div>}
                </td>
                <td>
                  <input type="color" aria-label={label(index, t('coloringForeground'))} value={rule.foreground} onChange={(event) => update(index, { foreground: event.currentTarget.value })} />
                </td>
                <td>
                  <input type="color" aria-label={label(index, t('coloringBackground'))} value={rule.background} onChange={(event) => update(index, { background: event.currentTarget.value })} />
                </td>
                <td>
                  <span className="coloring-preview" style={{ color: rule.foreground, background: rule.background }}>{rule.name || '—'}</span>
                </td>
                <td className="coloring-actions">
                  <button type="button" aria-label={label(index, t('coloringUp'))} title={t('coloringUp')} disabled={index === 0} onClick={() => move(index, -1)}>↑</button>
                  <button type="button" aria-label={label(index, t('coloringDown'))} title={t('coloringDown')} disabled={index === rules.length - 1} onClick={() => move(index, 1)}>↓</button>
                  <button type="button" aria-label={label(index, t('coloringRemove'))} title={t('coloringRemove')} onClick={() => setRules(rules.filter((_, at) => at !== index))}>✕</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}

import { registry } from '../../dissectors/index';
import { explainNode, nodeAtPath } from '../../dissectors/learn/index';
import { useLanguage, useText } from '../i18n/index';
import { useFields } from '../state/fields-store';
import { useSelection } from '../state/selection-store';
import { localTree } from './local-tree';

/** The path string of the tree ("2.0.3") as indexes. */
export const pathIndexes = (path: string): number[] => path.split('.').map(Number);

/**
 * The explain panel: for the field selected in the detail tree, what it means (the registry's
 * explanation) and how to read this packet's value (dissectors/learn), in the UI language.
 */
export function ExplainPanel() {
  const t = useText();
  const language = useLanguage((state) => state.language);
  const detail = useSelection((state) => state.detail);
  const path = useSelection((state) => state.path);
  const fields = useFields((state) => state.byId);
  if (!detail || path === null) return <p className="muted">{t('explainNothing')}</p>;
  const tree = localTree(detail, fields);
  const node = nodeAtPath(tree, pathIndexes(path));
  if (!node) return <p className="muted">{t('explainNothing')}</p>;
  const field = node.field >= 0 ? registry.byId(node.field) : undefined;
  const lines = explainNode(tree, node);
  return (
    <section className="explain-panel" aria-label={t('explainTitle')}>
      <h3>{node.label}</h3>
      {field && (
        <p className="explain-field">
          <code>{field.abbrev}</code> · {field.name}
        </p>
      )}
      {field?.explain && <p className="explain-meaning" data-testid="explain-meaning">{field.explain[language]}</p>}
      {lines.length > 0 ? (
        <ul className="explain-lines" data-testid="explain-lines">
          {lines.map((line, index) => <li key={index}>{line[language]}</li>)}
        </ul>
      ) : (
        field && <p className="muted">{t('explainNoValue')}</p>
      )}
    </section>
  );
}

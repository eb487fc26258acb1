import { useEffect, useState } from 'react';
import type { ProtocolHierarchy, ProtocolHierarchyNode } from '../../engine/api/contract';
import { Dialog } from '../dialogs/Dialog';
import { formatCount, percent } from '../dialogs/format';
import { useText } from '../i18n/index';
import { engine } from '../state/engine';

interface Line {
  node: ProtocolHierarchyNode;
  depth: number;
}

function flatten(nodes: readonly ProtocolHierarchyNode[], depth: number, into: Line[]): Line[] {
  for (const node of nodes) {
    into.push({ node, depth });
    flatten(node.children, depth + 1, into);
  }
  return into;
}

/** Statistics › Protocol Hierarchy: packets and bytes per protocol, nested as the stacks are. */
export function ProtocolHierarchyDialog() {
  const t = useText();
  const [hierarchy, setHierarchy] = useState<ProtocolHierarchy | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    engine().protocolHierarchy().then(setHierarchy, (reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  }, []);
  const lines = hierarchy ? flatten(hierarchy.roots, 0, []) : [];
  return (
    <Dialog title={t('protocolHierarchy')} className="wide tall">
      {error && <p className="dialog-error" role="alert">{error}</p>}
      {!hierarchy && !error && <p>{t('loading')}</p>}
      {hierarchy && (
        <div className="data-table-scroll">
          <table className="data-table" aria-label={t('protocolHierarchy')}>
            <thead>
              <tr>
                <th>{t('statProtocol')}</th>
                <th className="numeric">{t('statPercentPackets')}</th>
                <th className="numeric">{t('statPackets')}</th>
                <th className="numeric">{t('statPercentBytes')}</th>
                <th className="numeric">{t('statBytes')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map(({ node, depth }, index) => (
                <tr key={index} aria-level={depth + 1}>
                  <td style={{ paddingLeft: 6 + depth * 16 }}>{node.protocol}</td>
                  <td className="numeric">
                    <span className="percent-bar" style={{ width: `${(100 * node.frames) / Math.max(1, hierarchy.frames)}%` }} />
                    {percent(node.frames, hierarchy.frames)}
                  </td>
                  <td className="numeric">{formatCount(node.frames)}</td>
                  <td className="numeric">{percent(node.bytes, hierarchy.bytes)}</td>
                  <td className="numeric">{formatCount(node.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}

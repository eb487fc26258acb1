import { useEffect, useState } from 'react';
import type { Conversation, ConversationKind, Endpoint } from '../../engine/api/contract';
import { Dialog } from '../dialogs/Dialog';
import { formatCount } from '../dialogs/format';
import { useText, type Translate } from '../i18n/index';
import { useLearn } from '../learn/learn-store';
import { useDialogs } from '../state/dialog-store';
import { engine } from '../state/engine';
import { DataTable, type RowAction, type TableColumn } from './DataTable';

const kinds: readonly ConversationKind[] = ['eth', 'ip', 'ipv6', 'tcp', 'udp'];
const kindLabels: Record<ConversationKind, string> = { eth: 'Ethernet', ip: 'IPv4', ipv6: 'IPv6', tcp: 'TCP', udp: 'UDP' };

function conversationColumns(t: Translate, ports: boolean): Array<TableColumn<Conversation>> {
  return [
    { title: t('statAddressA'), value: (row) => row.addressA },
    ...(ports ? [{ title: t('statPortA'), numeric: true, value: (row: Conversation) => row.portA ?? 0 }] : []),
    { title: t('statAddressB'), value: (row) => row.addressB },
    ...(ports ? [{ title: t('statPortB'), numeric: true, value: (row: Conversation) => row.portB ?? 0 }] : []),
    { title: t('statPackets'), numeric: true, value: (row) => row.framesAToB + row.framesBToA, text: (row) => formatCount(row.framesAToB + row.framesBToA) },
    { title: t('statBytes'), numeric: true, value: (row) => row.bytesAToB + row.bytesBToA, text: (row) => formatCount(row.bytesAToB + row.bytesBToA) },
    { title: t('statPacketsAB'), numeric: true, value: (row) => row.framesAToB },
    { title: t('statBytesAB'), numeric: true, value: (row) => row.bytesAToB },
    { title: t('statPacketsBA'), numeric: true, value: (row) => row.framesBToA },
    { title: t('statBytesBA'), numeric: true, value: (row) => row.bytesBToA },
    { title: t('statRelStart'), numeric: true, value: (row) => row.start, text: (row) => row.start.toFixed(6) },
    { title: t('statDuration'), numeric: true, value: (row) => row.duration, text: (row) => row.duration.toFixed(4) },
  ];
}

/**
 * What a TCP or UDP conversation row offers, as Wireshark's Conversations window does (Follow
 * Stream), plus the TCP stepper (issue 7). Both leave the dialog for the main window.
 */
function conversationActions(t: Translate, kind: ConversationKind): Array<RowAction<Conversation>> {
  if (kind !== 'tcp' && kind !== 'udp') return [];
  const hasStream = (row: Conversation) => row.stream >= 0;
  const protocol = kind === 'tcp' ? 'TCP' : 'UDP';
  const follow: RowAction<Conversation> = {
    label: t('statFollow'),
    name: (row) => t('statFollowName', { protocol, stream: row.stream }),
    available: hasStream,
    run: (row) => useDialogs.getState().show({ kind: 'follow', request: { protocol: kind, stream: row.stream } }),
  };
  if (kind === 'udp') return [follow];
  const stepThrough: RowAction<Conversation> = {
    label: t('conversationStepThrough'),
    name: (row) => t('conversationStepThroughName', { stream: row.stream }),
    available: hasStream,
    run: (row) => {
      useDialogs.getState().close();
      useLearn.getState().stepThrough(row.stream);
    },
  };
  return [stepThrough, follow];
}

function endpointColumns(t: Translate, ports: boolean): Array<TableColumn<Endpoint>> {
  return [
    { title: t('statAddress'), value: (row) => row.address },
    ...(ports ? [{ title: t('statPort'), numeric: true, value: (row: Endpoint) => row.port ?? 0 }] : []),
    { title: t('statPackets'), numeric: true, value: (row) => row.txFrames + row.rxFrames },
    { title: t('statBytes'), numeric: true, value: (row) => row.txBytes + row.rxBytes },
    { title: t('statTxPackets'), numeric: true, value: (row) => row.txFrames },
    { title: t('statTxBytes'), numeric: true, value: (row) => row.txBytes },
    { title: t('statRxPackets'), numeric: true, value: (row) => row.rxFrames },
    { title: t('statRxBytes'), numeric: true, value: (row) => row.rxBytes },
  ];
}

/** Statistics › Conversations and Statistics › Endpoints: one tab per layer, sortable tables. */
export function TrafficDialog({ view }: { view: 'conversations' | 'endpoints' }) {
  const t = useText();
  const [kind, setKind] = useState<ConversationKind>('tcp');
  const [rows, setRows] = useState<{ kind: ConversationKind; conversations: Conversation[]; endpoints: Endpoint[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = view === 'conversations'
      ? engine().conversations(kind).then((conversations) => ({ kind, conversations, endpoints: [] }))
      : engine().endpoints(kind).then((endpoints) => ({ kind, conversations: [], endpoints }));
    load.then((loaded) => live && setRows(loaded), (reason: unknown) => live && setError(reason instanceof Error ? reason.message : String(reason)));
    return () => {
      live = false;
    };
  }, [kind, view]);

  const ports = kind === 'tcp' || kind === 'udp';
  const ready = rows?.kind === kind ? rows : null;
  const label = `${t(view === 'conversations' ? 'conversations' : 'endpoints')} · ${kindLabels[kind]}`;
  return (
    <Dialog title={t(view === 'conversations' ? 'conversations' : 'endpoints')} className="wide tall">
      <div role="tablist" className="dialog-tabs">
        {kinds.map((entry) => (
          <button key={entry} type="button" role="tab" aria-selected={entry === kind} className={entry === kind ? 'selected' : ''} onClick={() => setKind(entry)}>
            {kindLabels[entry]}
            {rows?.kind === entry ? ` · ${view === 'conversations' ? rows.conversations.length : rows.endpoints.length}` : ''}
          </button>
        ))}
      </div>
      {error && <p className="dialog-error" role="alert">{error}</p>}
      {!ready && !error && <p>{t('loading')}</p>}
      {ready && view === 'conversations' && <DataTable label={label} columns={conversationColumns(t, ports)} rows={ready.conversations} actions={conversationActions(t, kind)} />}
      {ready && view === 'endpoints' && <DataTable label={label} columns={endpointColumns(t, ports)} rows={ready.endpoints} />}
    </Dialog>
  );
}

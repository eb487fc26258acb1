import type { CaptureInterfaceInfo } from '../../engine/api/contract';
import { useText } from '../i18n/index';
import { formatRate } from './format';
import { linkTypeName } from './link-types';
import { Sparkline } from './Sparkline';

interface Props {
  interfaces: readonly CaptureInterfaceInfo[];
  history: ReadonlyMap<string, number[]>;
  selected: string;
  onSelect(name: string): void;
  /** Double click: start capturing on it. */
  onStart(name: string): void;
}

/** Capture › Options' interface list: what each interface is, and its traffic now. */
export function InterfaceTable({ interfaces, history, selected, onSelect, onStart }: Props) {
  const t = useText();
  return (
    <div className="data-table-scroll capture-interfaces">
      <table className="data-table" aria-label={t('captureInterfaces')}>
        <thead>
          <tr>
            <th>{t('captureInterface')}</th>
            <th>{t('captureAddresses')}</th>
            <th>{t('captureState')}</th>
            <th>{t('captureLinkType')}</th>
            <th>{t('captureTraffic')}</th>
          </tr>
        </thead>
        <tbody>
          {interfaces.map((described) => {
            const samples = history.get(described.name) ?? [];
            const flags = [
              described.up === null ? null : described.up ? t('captureUp') : t('captureDown'),
              described.running ? t('captureRunning') : null,
              described.loopback ? t('captureLoopback') : null,
            ].filter((flag) => flag !== null);
            return (
              <tr
                key={described.name}
                aria-selected={described.name === selected}
                className={described.name === selected ? 'selected' : undefined}
                data-interface={described.name}
                onClick={() => onSelect(described.name)}
                onDoubleClick={() => onStart(described.name)}
              >
                <td>
                  <label className="capture-interface-name">
                    <input type="radio" name="capture-interface" checked={described.name === selected} onChange={() => onSelect(described.name)} />
                    <span>
                      <strong>{described.name}</strong>
                      {described.description && <span className="muted"> {described.description}</span>}
                    </span>
                  </label>
                </td>
                <td className="capture-addresses">
                  {described.addresses.length === 0
                    ? <span className="muted">{t('captureNoAddress')}</span>
                    : described.addresses.map((address) => <div key={address.address}>{address.prefixLength === null ? address.address : `${address.address}/${address.prefixLength}`}</div>)}
                  {described.hardwareAddress && described.hardwareAddress !== '00:00:00:00:00:00' && <div className="muted">{described.hardwareAddress}</div>}
                </td>
                <td>{flags.join(', ')}</td>
                <td>{linkTypeName(described.linkType)}</td>
                <td>
                  <div className="capture-traffic">
                    <Sparkline samples={samples} label={t('captureSparkline', { name: described.name })} />
                    <span className="capture-rate">{t('capturePacketsPerSecond', { rate: formatRate(described.packetsPerSecond) })}</span>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

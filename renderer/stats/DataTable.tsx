import { useMemo, useState } from 'react';
import { ContextMenu } from '../detail/ContextMenu';

export interface TableColumn<Row> {
  title: string;
  numeric?: boolean;
  /** The cell's sort key. */
  value(row: Row): number | string;
  /** The cell's text (default: the value). */
  text?(row: Row): string;
}

/** Something to do with one row: a button in the row's last cell and an entry in its context menu. */
export interface RowAction<Row> {
  label: string;
  /** The button's accessible name for this row (default: the label). */
  name?(row: Row): string;
  /** Whether the row offers it (default: every row). */
  available?(row: Row): boolean;
  run(row: Row): void;
}

interface Props<Row> {
  label: string;
  columns: ReadonlyArray<TableColumn<Row>>;
  rows: readonly Row[];
  actions?: ReadonlyArray<RowAction<Row>>;
  /** Header of the actions column. */
  actionsTitle?: string;
}

const collator = new Intl.Collator('en', { numeric: true });

/** A statistics table whose column headers sort it (click again to reverse); rows may carry actions. */
export function DataTable<Row>({ label, columns, rows, actions = [], actionsTitle = '' }: Props<Row>) {
  const [sort, setSort] = useState<{ column: number; ascending: boolean } | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number; row: Row } | null>(null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const key = columns[sort.column].value;
    const order = (a: Row, b: Row) => {
      const left = key(a);
      const right = key(b);
      return typeof left === 'number' && typeof right === 'number' ? left - right : collator.compare(String(left), String(right));
    };
    return [...rows].sort((a, b) => (sort.ascending ? order(a, b) : order(b, a)));
  }, [rows, columns, sort]);
  const offered = (row: Row) => actions.filter((action) => action.available?.(row) ?? true);
  return (
    <div className="data-table-scroll">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th
                key={column.title}
                className={column.numeric ? 'numeric' : undefined}
                aria-sort={sort?.column === index ? (sort.ascending ? 'ascending' : 'descending') : undefined}
                onClick={() => setSort(sort?.column === index ? { column: index, ascending: !sort.ascending } : { column: index, ascending: !column.numeric })}
              >
                {column.title}
              </th>
            ))}
            {actions.length > 0 && <th className="row-actions">{actionsTitle}</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row, rowIndex) => (
            <tr
              key={rowIndex}
              onContextMenu={(event) => {
                if (offered(row).length === 0) return;
                event.preventDefault();
                setMenu({ x: event.clientX, y: event.clientY, row });
              }}
            >
              {columns.map((column) => (
                <td key={column.title} className={column.numeric ? 'numeric' : undefined}>{column.text ? column.text(row) : String(column.value(row))}</td>
              ))}
              {actions.length > 0 && (
                <td className="row-actions">
                  {offered(row).map((action) => (
                    <button key={action.label} type="button" aria-label={action.name?.(row)} onClick={() => action.run(row)}>{action.label}</button>
                  ))}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
          entries={offered(menu.row).map((action) => ({ label: action.label, run: () => action.run(menu.row) }))}
        />
      )}
    </div>
  );
}

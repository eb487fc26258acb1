import { useMemo, useState } from 'react';

export interface TableColumn<Row> {
  title: string;
  numeric?: boolean;
  /** The cell's sort key. */
  value(row: Row): number | string;
  /** The cell's text (default: the value). */
  text?(row: Row): string;
}

interface Props<Row> {
  label: string;
  columns: ReadonlyArray<TableColumn<Row>>;
  rows: readonly Row[];
}

const collator = new Intl.Collator('en', { numeric: true });

/** A statistics table whose column headers sort it (click again to reverse). */
export function DataTable<Row>({ label, columns, rows }: Props<Row>) {
  const [sort, setSort] = useState<{ column: number; ascending: boolean } | null>(null);
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
          </tr>
        </thead>
        <tbody>
          {sorted.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {columns.map((column) => (
                <td key={column.title} className={column.numeric ? 'numeric' : undefined}>{column.text ? column.text(row) : String(column.value(row))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { Table } from "../report/value-tables.ts";

/**
 * One value-for-money table (report/value-tables.ts: a header row, then rows whose first cell
 * names them), shared by the Value tab and the HTML report, with a caption or a label.
 */
export function ValueTable({ t, caption, label }: { t: Table; caption?: string; label?: string }) {
  return (
    <table aria-label={label}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>{t[0].map((h, i) => <th key={i} scope="col">{h}</th>)}</tr>
      </thead>
      <tbody>
        {t.slice(1).map((row, i) => (
          <tr key={i}>
            <th scope="row">{row[0]}</th>
            {row.slice(1).map((v, j) => <td key={j}>{v}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A chart's data as a table (header row first), folded under "Data table". */
export function DataTable({ rows }: { rows: string[][] }) {
  return (
    <details>
      <summary>Data table</summary>
      <div class="table-scroll" role="region" aria-label="Data table" tabIndex={0}>
        <table>
          <thead>
            <tr>{rows[0].map((h, i) => <th key={i} scope="col">{h}</th>)}</tr>
          </thead>
          <tbody>
            {rows.slice(1).map((row, i) => (
              <tr key={i}>{row.map((v, j) => <td key={j}>{v}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

import type { ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import type { ReportFiguresView, ServiceReportView } from '../../../src/shared/resolver-contract';
import { channelWords } from './channels';
import { FIGURE_COLUMNS, OPERATOR_COLUMNS } from './report-csv';

/** Durations as people read them: "42 s", "2 min 30 s", "1 h 5 min"; a dash when nothing was measured. */
export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

function cell(heading: string, value: number | undefined): string {
  if (heading.endsWith('(s)')) return formatSeconds(value);
  return value === undefined ? '–' : String(value);
}

type Columns = typeof FIGURE_COLUMNS;
const headingsOf = (columns: Columns) => columns.map(([heading]) => heading.replace(' (s)', ''));

function FigureCells({ figures, columns = FIGURE_COLUMNS }: { readonly figures: ReportFiguresView; readonly columns?: Columns }) {
  return (
    <>
      {columns.map(([heading, value]) => (
        <td key={heading} className="koji-number">
          {cell(heading, value(figures))}
        </td>
      ))}
    </>
  );
}

function Table({ label, first, columns = FIGURE_COLUMNS, children }: { readonly label: string; readonly first: readonly string[]; readonly columns?: Columns; readonly children: ReactNode }) {
  return (
    <div className="koji-table-scroll">
      <table className="koji-table koji-report-table" aria-label={label}>
        <thead>
          <tr>
            {[...first, ...headingsOf(columns)].map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Below the charts: the figures per day (newest first) with the period's totals, then per operator. */
export function ReportTables({ report }: { readonly report: ServiceReportView }) {
  return (
    <>
      <Heading size="small" as="h2">
        Per day
      </Heading>
      <Table label="Figures per day" first={['Day']}>
        {[...report.days].reverse().map((d) => (
          <tr key={d.day}>
            <th scope="row">{d.day}</th>
            <FigureCells figures={d} />
          </tr>
        ))}
        <tr className="koji-strong">
          <th scope="row">Total</th>
          <FigureCells figures={report.totals} />
        </tr>
      </Table>
      <Heading size="small" as="h2">
        Per operator
      </Heading>
      {report.operators.length === 0 ? (
        <p>No operator served anyone in this period.</p>
      ) : (
        <Table label="Figures per operator" first={['Operator', 'Channel']} columns={OPERATOR_COLUMNS}>
          {report.operators.map((o, i) => (
            <tr key={`${i}:${o.channel}:${o.name}`}>
              <th scope="row">{o.name}</th>
              <td>{channelWords(o.channel).platform}</td>
              <FigureCells figures={o} columns={OPERATOR_COLUMNS} />
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

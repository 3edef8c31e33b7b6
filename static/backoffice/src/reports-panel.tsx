import { useCallback, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { REPORT_PERIODS, type ReportPeriod } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { Loading, Problem } from './common';
import { shownOf, useLoad } from './load';
import { ReportCharts } from './report-charts';
import { downloadText } from './download-text';
import { reportCsv } from './report-csv';
import { ReportTables } from './report-tables';

/**
 * Reports: the project's service figures over the last 7, 30 or 90 days (today included, in the project's time
 * zone): charts, the table per day and per operator, and the same data as a CSV file made in the page.
 */
export function ReportsPanel() {
  const [period, setPeriod] = useState<ReportPeriod>(7);
  const load = useCallback(() => call('reports/get', { days: period }), [period]);
  const [report, reload] = useLoad(load);
  const shown = shownOf(report);

  return (
    <Stack space="space.300">
      <Inline space="space.200" alignBlock="center" spread="space-between" shouldWrap>
        <div role="group" aria-label="Period">
          <Inline space="space.100">
            {REPORT_PERIODS.map((days) => (
              <Button key={days} appearance={days === period ? 'primary' : 'default'} aria-pressed={days === period} onClick={() => setPeriod(days)}>
                {`Last ${days} days`}
              </Button>
            ))}
          </Inline>
        </div>
        <Button isDisabled={!shown} onClick={() => shown && downloadText(`koji-report-last-${period}-days.csv`, reportCsv(shown.data), 'text/csv;charset=utf-8')}>
          Download CSV
        </Button>
      </Inline>
      {report.state === 'failed' ? <Problem title="The report could not be read" message={report.message} onRetry={reload} /> : null}
      {!shown && report.state === 'loading' ? <Loading label="Loading the report" /> : null}
      {shown ? (
        <>
          <Text color="color.text.subtle" size="small">
            {`${shown.data.days[0]?.day ?? ''} to ${shown.data.days.at(-1)?.day ?? ''}, days in ${shown.data.timeZone}. Waits run from asking (or being put back in line) to being connected; handle times from connected to the end.`}
          </Text>
          <ReportCharts days={shown.data.days} />
          <ReportTables report={shown.data} />
        </>
      ) : null}
    </Stack>
  );
}

import { csvCell, reportCsv } from '../../static/backoffice/src/report-csv';
import type { ReportFiguresView, ServiceReportView } from '../../src/shared/resolver-contract';

/** The Reports tab's Download CSV: figures a spreadsheet opens as they are, and names it can never run as formulas. */
const ZERO: ReportFiguresView = { asked: 0, served: 0, abandoned: 0, timedOut: 0, tickets: 0, offersMissed: 0, rated: 0, satisfied: 0, kbAnswered: 0, kbSolved: 0, kbEscalated: 0, kbNoMatch: 0 };

describe('the report as CSV', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+49 30 1234', "'+49 30 1234"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['Alice, team lead', '"Alice, team lead"'],
    ['Say "hi"', '"Say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['Alice', 'Alice'],
  ])('should write %p as %p', (raw, written) => {
    expect(csvCell(raw)).toBe(written);
  });

  it('should write numbers as they are and nothing for a figure not measured', () => {
    expect(csvCell(42.5)).toBe('42.5');
    expect(csvCell(undefined)).toBe('');
  });

  it('should write one row per day, the totals, then one per operator without the project’s own figures', () => {
    const report: ServiceReportView = {
      timeZone: 'Europe/Paris',
      days: [{ day: '2026-11-24', ...ZERO }, { day: '2026-11-25', ...ZERO, asked: 2, served: 1, waitMedianSeconds: 30 }],
      totals: { ...ZERO, asked: 2, served: 1, waitMedianSeconds: 30 },
      operators: [{ name: '-Eve', channel: 'teams', ...ZERO, served: 1, asked: 9 }],
    };
    const lines = reportCsv(report).split('\r\n');
    expect(lines.slice(1)).toEqual([
      'day,2026-11-24,,,0,0,0,0,0,,,,0,0,,0,0,0,0,0',
      'day,2026-11-25,,,2,1,0,0,0,30,,,0,0,,0,0,0,0,0',
      'total,2026-11-24 to 2026-11-25,,,2,1,0,0,0,30,,,0,0,,0,0,0,0,0',
      "operator,,'-Eve,teams,,1,,,0,,,,0,0,,0,,,,",
    ]);
  });
});

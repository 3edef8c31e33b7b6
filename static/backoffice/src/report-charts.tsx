import type { ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReportDayView } from '../../../src/shared/resolver-contract';

/** Chart colours, axes and tooltips from design tokens, so both themes read well. */
const AXIS = { fill: token('color.text.subtle'), fontSize: 12 };
const GRID = token('color.border');
const TOOLTIP = { backgroundColor: token('elevation.surface.overlay'), color: token('color.text'), border: `1px solid ${GRID}` };
const shortDay = (day: string) => day.slice(5);

function ChartFigure({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <figure className="koji-chart" aria-label={title}>
      <figcaption>
        <Heading size="xsmall" as="h3">
          {title}
        </Heading>
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}

function Axes({ unit }: { readonly unit?: string }) {
  return (
    <>
      <CartesianGrid stroke={GRID} strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="day" tickFormatter={shortDay} tick={AXIS} stroke={GRID} />
      <YAxis allowDecimals={false} tick={AXIS} stroke={GRID} unit={unit} width={48} />
      <Tooltip contentStyle={TOOLTIP} labelStyle={{ color: token('color.text') }} />
      <Legend wrapperStyle={{ color: token('color.text.subtle'), fontSize: 12 }} />
    </>
  );
}

/** The three charts of the Reports tab: conversations per day, wait times, ratings. Recharts draws Axes' children in place. */
export function ReportCharts({ days }: { readonly days: readonly ReportDayView[] }) {
  const data = days.map((d) => ({ ...d }));
  return (
    <div className="koji-charts">
      <ChartFigure title="Conversations per day">
        <BarChart data={data}>
          {Axes({})}
          <Bar dataKey="served" name="Served" stackId="c" fill={token('color.chart.success.bold')} isAnimationActive={false} />
          <Bar dataKey="abandoned" name="Abandoned" stackId="c" fill={token('color.chart.warning.bold')} isAnimationActive={false} />
          <Bar dataKey="timedOut" name="Timed out" stackId="c" fill={token('color.chart.danger.bold')} isAnimationActive={false} />
        </BarChart>
      </ChartFigure>
      <ChartFigure title="Wait time (seconds)">
        <LineChart data={data}>
          {Axes({ unit: ' s' })}
          <Line dataKey="waitMedianSeconds" name="Median" stroke={token('color.chart.brand')} connectNulls isAnimationActive={false} />
          <Line dataKey="waitP90Seconds" name="90th percentile" stroke={token('color.chart.discovery.bold')} connectNulls isAnimationActive={false} />
        </LineChart>
      </ChartFigure>
      <ChartFigure title="Ratings">
        <ComposedChart data={data}>
          {Axes({})}
          <Bar dataKey="rated" name="Ratings" fill={token('color.chart.information.bold')} isAnimationActive={false} />
          <Line dataKey="averageStars" name="Average stars" stroke={token('color.chart.warning.bold')} connectNulls isAnimationActive={false} />
        </ComposedChart>
      </ChartFigure>
    </div>
  );
}

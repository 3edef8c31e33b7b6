import { businessHoursAt, businessHoursProblems, isTimeZone, type WeeklySchedule } from '../../src/domain/business-hours';

const nineToFive = [{ from: '09:00', to: '17:30' }];
/** Monday to Friday, 09:00–17:30; the weekend closed. */
const WEEKDAYS_ONLY: WeeklySchedule = { monday: nineToFive, tuesday: nineToFive, wednesday: nineToFive, thursday: nineToFive, friday: nineToFive };
const at = (iso: string): number => Date.parse(iso);

describe('businessHoursAt', () => {
  it('should be open inside an interval, in the project’s time zone', () => {
    // Wednesday 2026-11-25 08:30 UTC is 09:30 in Paris.
    expect(businessHoursAt(WEEKDAYS_ONLY, 'Europe/Paris', at('2026-11-25T08:30:00Z'))).toEqual({ open: true });
    // …and 03:30 in New York, before it opens there at 09:00 (14:00 UTC).
    expect(businessHoursAt(WEEKDAYS_ONLY, 'America/New_York', at('2026-11-25T08:30:00Z'))).toEqual({
      open: false,
      next: { at: at('2026-11-25T14:00:00Z'), weekday: 'wednesday', time: '09:00', daysAhead: 0 },
    });
  });

  it('should open at the start of an interval and close at its end', () => {
    expect(businessHoursAt(WEEKDAYS_ONLY, 'UTC', at('2026-11-25T09:00:00Z')).open).toBe(true);
    expect(businessHoursAt(WEEKDAYS_ONLY, 'UTC', at('2026-11-25T17:29:59Z')).open).toBe(true);
    expect(businessHoursAt(WEEKDAYS_ONLY, 'UTC', at('2026-11-25T17:30:00Z'))).toEqual({
      open: false,
      next: { at: at('2026-11-26T09:00:00Z'), weekday: 'thursday', time: '09:00', daysAhead: 1 },
    });
  });

  it('should say Monday morning over a closed weekend', () => {
    // Friday 2026-11-27 18:00 in Paris (17:00 UTC), then Saturday and Sunday.
    for (const instant of ['2026-11-27T17:00:00Z', '2026-11-28T12:00:00Z', '2026-11-29T22:59:00Z']) {
      expect(businessHoursAt(WEEKDAYS_ONLY, 'Europe/Paris', at(instant))).toEqual({
        open: false,
        next: { at: at('2026-11-30T08:00:00Z'), weekday: 'monday', time: '09:00', daysAhead: expect.any(Number) },
      });
    }
  });

  it('should use the next interval of the same day after a lunch break', () => {
    const split: WeeklySchedule = { wednesday: [{ from: '09:00', to: '12:00' }, { from: '13:30', to: '17:00' }] };
    expect(businessHoursAt(split, 'UTC', at('2026-11-25T12:15:00Z'))).toMatchObject({ open: false, next: { time: '13:30', daysAhead: 0 } });
  });

  it('should stay open across midnight when the night is two intervals', () => {
    const nights: WeeklySchedule = { friday: [{ from: '22:00', to: '24:00' }], saturday: [{ from: '00:00', to: '02:00' }] };
    expect(businessHoursAt(nights, 'Europe/Paris', at('2026-11-27T22:59:00Z')).open).toBe(true); // Fri 23:59
    expect(businessHoursAt(nights, 'Europe/Paris', at('2026-11-27T23:00:00Z')).open).toBe(true); // Sat 00:00
    expect(businessHoursAt(nights, 'Europe/Paris', at('2026-11-28T00:59:00Z')).open).toBe(true); // Sat 01:59
    expect(businessHoursAt(nights, 'Europe/Paris', at('2026-11-28T01:00:00Z'))).toMatchObject({
      open: false,
      next: { weekday: 'friday', time: '22:00', daysAhead: 6, at: at('2026-12-04T21:00:00Z') },
    });
  });

  it('should find no opening in the next 7 days when every day is closed', () => {
    expect(businessHoursAt({}, 'Europe/Paris', at('2026-11-25T10:00:00Z'))).toEqual({ open: false });
    expect(businessHoursAt({ monday: [], sunday: [] }, 'UTC', at('2026-11-25T10:00:00Z'))).toEqual({ open: false });
  });

  it('should open a week later on the same weekday when the only interval of the week has just closed', () => {
    const wednesdays: WeeklySchedule = { wednesday: [{ from: '09:00', to: '10:00' }] };
    expect(businessHoursAt(wednesdays, 'UTC', at('2026-11-25T10:00:00Z'))).toMatchObject({ open: false, next: { daysAhead: 7, at: at('2026-12-02T09:00:00Z') } });
  });

  describe('when the clocks change', () => {
    const everyDay = (from: string, to: string): WeeklySchedule =>
      Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, [{ from, to }]]));

    it('should open at 09:00 local on both sides of Paris’s spring change (UTC+1 → UTC+2, 29 March 2026)', () => {
      const schedule = everyDay('09:00', '17:00');
      expect(businessHoursAt(schedule, 'Europe/Paris', at('2026-03-28T20:00:00Z'))).toMatchObject({ next: { at: at('2026-03-29T07:00:00Z'), time: '09:00' } });
      expect(businessHoursAt(schedule, 'Europe/Paris', at('2026-03-29T07:30:00Z')).open).toBe(true); // 09:30 CEST
      expect(businessHoursAt(schedule, 'Europe/Paris', at('2026-03-29T15:00:00Z')).open).toBe(false); // 17:00 CEST
    });

    it('should open at 09:00 local on both sides of Paris’s autumn change (UTC+2 → UTC+1, 25 October 2026)', () => {
      const schedule = everyDay('09:00', '17:00');
      expect(businessHoursAt(schedule, 'Europe/Paris', at('2026-10-24T16:00:00Z'))).toMatchObject({ next: { at: at('2026-10-25T08:00:00Z'), time: '09:00' } });
      expect(businessHoursAt(schedule, 'Europe/Paris', at('2026-10-25T07:30:00Z')).open).toBe(false); // 08:30 CET
    });

    it('should open when New York’s clocks jump over an opening that never happens (02:30 on 8 March 2026 is 03:30)', () => {
      const schedule: WeeklySchedule = { sunday: [{ from: '02:30', to: '05:00' }] };
      expect(businessHoursAt(schedule, 'America/New_York', at('2026-03-08T06:00:00Z'))).toEqual({
        open: false,
        next: { at: at('2026-03-08T07:30:00Z'), weekday: 'sunday', time: '03:30', daysAhead: 0 },
      });
      expect(businessHoursAt(schedule, 'America/New_York', at('2026-03-08T07:00:00Z')).open).toBe(true); // 03:00 EDT
    });

    it('should open at the first 01:30 when New York’s clocks go back over it (1 November 2026)', () => {
      const schedule: WeeklySchedule = { sunday: [{ from: '01:30', to: '04:00' }] };
      expect(businessHoursAt(schedule, 'America/New_York', at('2026-11-01T04:00:00Z'))).toMatchObject({ next: { at: at('2026-11-01T05:30:00Z'), time: '01:30' } });
      // The hour that happens twice is open both times.
      expect(businessHoursAt(schedule, 'America/New_York', at('2026-11-01T05:45:00Z')).open).toBe(true);
      expect(businessHoursAt(schedule, 'America/New_York', at('2026-11-01T06:45:00Z')).open).toBe(true);
      // 04:00 EST is 09:00 UTC: five hours, not four, after 04:00 UTC.
      expect(businessHoursAt(schedule, 'America/New_York', at('2026-11-01T09:00:00Z')).open).toBe(false);
    });
  });
});

describe('isTimeZone', () => {
  it('should know IANA names and refuse anything else', () => {
    expect(['Europe/Paris', 'America/New_York', 'UTC', 'Asia/Kolkata'].every(isTimeZone)).toBe(true);
    expect(['', 'Mars/Olympus', 'Paris', 42, null, 'x'.repeat(65)].some(isTimeZone)).toBe(false);
  });
});

describe('businessHoursProblems', () => {
  it('should accept a week with a lunch break, a night split at midnight and closed days', () => {
    expect(businessHoursProblems({ ...WEEKDAYS_ONLY, monday: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '24:00' }], tuesday: [], saturday: [{ from: '00:00', to: '02:00' }] })).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['not a schedule', 'always', 'Business hours must be off, or a list of open hours per weekday.'],
    ['an unknown day', { funday: [] }, 'Business hours name unknown weekdays: funday.'],
    ['a badly written time', { monday: [{ from: '9:00', to: '17:00' }] }, 'Monday: write each interval as two times from 00:00 to 24:00, such as 09:00–17:30.'],
    ['a time past the end of the day', { monday: [{ from: '09:00', to: '24:30' }] }, 'Monday: write each interval as two times from 00:00 to 24:00, such as 09:00–17:30.'],
    ['an interval ending before it starts', { friday: [{ from: '22:00', to: '02:00' }] }, 'Friday: 22:00–02:00 must end after it starts (split hours past midnight over two days).'],
    ['an empty interval', { friday: [{ from: '10:00', to: '10:00' }] }, 'Friday: 10:00–10:00 must end after it starts (split hours past midnight over two days).'],
    ['overlapping intervals', { tuesday: [{ from: '13:00', to: '18:00' }, { from: '09:00', to: '13:30' }] }, 'Tuesday: 09:00–13:30 and 13:00–18:00 overlap.'],
    ['too many intervals', { sunday: ['00', '02', '04', '06', '08'].map((h) => ({ from: `${h}:00`, to: `${h}:30` })) }, 'Sunday: at most 4 open intervals a day.'],
    ['a day that is not a list', { sunday: { from: '09:00', to: '10:00' } }, 'Sunday: the open hours must be a list.'],
  ])('should refuse %s, saying what to fix', (_what, schedule, problem) => {
    expect(businessHoursProblems(schedule)).toEqual([problem]);
  });
});

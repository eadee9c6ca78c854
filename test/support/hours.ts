import type { Interval, Weekday } from '../../src/sla/calendar'

/** A week with no staffed hours, for a test to open the days it needs. */
export const closedWeek = (): Record<Weekday, Interval[]> => ({
  mon: [],
  tue: [],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
})

// PLACEHOLDER — to be implemented by the calendar work (issue 6). Interface is the contract.
export interface WorkCalendar {
  /** Years (inclusive range) for which the holiday data is known. */
  readonly coveredYears: { from: number; to: number };
  /** Whether the calendar knows this local date's year (`YYYY-MM-DD`). */
  covers(date: string): boolean;
  /** Working day on the official calendar (holidays off, make-up days on). Throws CalendarNotCoveredError outside coverage. */
  isWorkday(date: string): boolean;
}

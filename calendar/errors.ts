// Errors the working-day calendar throws, so callers can tell "year not covered" from bad input.

/**
 * A date falls in a year the calendar has no official holiday data for. Callers must not guess with Mon–Fri:
 * they report the date as beyond the calendar (DESIGN.md) until next year's notice is added to the config.
 */
export class CalendarNotCoveredError extends Error {
  override readonly name = 'CalendarNotCoveredError';
  constructor(
    /** The local date (`YYYY-MM-DD`) that was asked about. */
    readonly date: string,
    /** Its year. */
    readonly year: number,
  ) {
    super(
      `the working-day calendar does not cover ${year} (asked about ${date}): ` +
        `add that year's official holidays and make-up working days to the config's calendar section`,
    );
  }
}

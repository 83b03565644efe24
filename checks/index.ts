// The check registry: every check the audit runs, in scorecard order. Adding a check adds one line here.
import type { Check } from './types.ts';
import { links } from './links.ts';
import { availability } from './availability.ts';
import { errorReports } from './error-reports.ts';

export const allChecks: Check[] = [links, availability, errorReports];

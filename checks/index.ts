// The check registry: every check the audit runs, in scorecard order. Adding a check adds one line here.
import type { Check } from './types.ts';
import { links } from './links.ts';
import { ipv6 } from './ipv6.ts';
import { availability } from './availability.ts';
import { errorReports } from './error-reports.ts';

export const allChecks: Check[] = [links, ipv6, availability, errorReports];

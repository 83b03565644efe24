// The check registry: every check the audit runs, in scorecard order. Adding a check adds one line here.
import type { Check } from './types.ts';
import { links } from './links.ts';
import { interpretations } from './interpretations.ts';
import { freshness } from './freshness.ts';
import { identity } from './identity.ts';
import { privacy } from './privacy.ts';
import { ipv6 } from './ipv6.ts';
import { availability } from './availability.ts';
import { errorReports } from './error-reports.ts';
import { interaction } from './interaction.ts';
import { disclosure } from './disclosure.ts';
import { disclosureRequests } from './disclosure-requests.ts';
import { accessibility } from './accessibility.ts';
import { security } from './security.ts';
import { service } from './service.ts';
import { wording } from './wording.ts';

export const allChecks: Check[] = [links, interpretations, freshness, identity, privacy, ipv6, availability, errorReports, interaction, disclosure, disclosureRequests, accessibility, security, service, wording];

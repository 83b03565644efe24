// Config of the disclosure catalogue (主动公开基本目录, DESIGN.md "Disclosure catalogue"): the item shape, the
// district section (`catalogue`, `add`, `remove`) and the site section (`role`, `add`, `remove`), validated at load.
// config/schema.ts includes these sections; checks/disclosure/catalogue.ts applies them.
import { z } from 'zod';

/** What kind of unit a site belongs to; it decides which catalogue items apply (Regulations art. 49, notice items 37–38). */
export const disclosureRoles = ['government', 'department', 'sector-department'] as const;
export type DisclosureRole = (typeof disclosureRoles)[number];

/** The placeholder a title pattern uses for the year an item covers. */
export const YEAR_PLACEHOLDER = '{year}';

const itemId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes');

const monthDay = z.string().refine(isMonthDay, 'MM-DD (a day every year has, e.g. 01-31) or "standing"');

const titlePattern = z
  .string()
  .min(1)
  .max(500)
  .superRefine((source, ctx) => {
    const problem = patternProblem(source);
    if (problem) ctx.addIssue({ code: 'custom', message: `not a valid regular expression (${YEAR_PLACEHOLDER} stands for the year): ${problem}` });
  });

/** One item a unit must publish. */
export const disclosureItemSchema = z
  .strictObject({
    id: itemId,
    name: z.string().min(1).max(100),
    /** Regular expression matched against page and link titles; `{year}` stands for the covered year. */
    titlePattern,
    /** `MM-DD` of the year after the covered year, or `standing` (must exist at all). */
    due: z.union([z.literal('standing'), monthDay]),
    /** Column URL the item must be published under; default anywhere on the site. */
    where: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
    /** Roles the item applies to; default every site. */
    roles: z.array(z.enum(disclosureRoles)).min(1).optional(),
    /** The rule the item comes from, quoted (shown with findings). */
    source: z.string().min(1).max(500).optional(),
  })
  .superRefine((item, ctx) => {
    if (item.due !== 'standing' && !item.titlePattern.includes(YEAR_PLACEHOLDER)) {
      ctx.addIssue({ code: 'custom', path: ['titlePattern'], message: `an item due on a date must say which year it covers: put ${YEAR_PLACEHOLDER} in the pattern` });
    }
  });

export type DisclosureItem = z.output<typeof disclosureItemSchema>;

/** A list of items with distinct ids. */
export const disclosureItemListSchema = z.array(disclosureItemSchema).superRefine((items, ctx) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate item id "${item.id}"` });
    seen.add(item.id);
  });
});

/** District section `disclosure`. */
export const districtDisclosureSchema = z.strictObject({
  /** Replaces the shipped default catalogue; `[]` = no district-wide items. Absent: the default applies. */
  catalogue: disclosureItemListSchema.optional(),
  /** Items added to the catalogue for every site; an id already in the catalogue replaces that item. */
  add: disclosureItemListSchema.default([]),
  /** Catalogue item ids dropped for every site. */
  remove: z.array(itemId).default([]),
});

/** Site section `disclosure`. */
export const siteDisclosureSchema = z.strictObject({
  /** Which catalogue items apply; without a role only items without `roles` apply. */
  role: z.enum(disclosureRoles).optional(),
  /** Items for this site only; an id already in the district catalogue replaces that item. */
  add: disclosureItemListSchema.default([]),
  /** District item ids that do not apply to this site. */
  remove: z.array(itemId).default([]),
});

export type DistrictDisclosureConfig = z.output<typeof districtDisclosureSchema>;
export type SiteDisclosureConfig = z.output<typeof siteDisclosureSchema>;

/** Why a title pattern does not compile (after putting a year for `{year}`), or null when it does. */
export function patternProblem(source: string): string | null {
  try {
    new RegExp(source.replaceAll(YEAR_PLACEHOLDER, '2026'), 'u');
    new RegExp(source.replaceAll(YEAR_PLACEHOLDER, '\\d{4}'), 'u');
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

function isMonthDay(text: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  // 2025 is not a leap year: 02-29 is refused, since not every covered year has it.
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2025, month, 0)).getUTCDate();
}

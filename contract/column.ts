// A column of a site (栏目) as the district config declares it: its name, list page and kind. Shared by the config
// (which validates it), the gatherers (which render script-filled lists) and the checks (freshness per kind).
import { z } from 'zod';

export const columnKinds = ['news', 'notice', 'policy', 'interpretation', 'personnel', 'plan', 'interaction', 'other'] as const;
export type ColumnKind = (typeof columnKinds)[number];

export const columnSchema = z.strictObject({
  name: z.string().min(1),
  url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
  kind: z.enum(columnKinds),
});

export type ColumnConfig = z.output<typeof columnSchema>;

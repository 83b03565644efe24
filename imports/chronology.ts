// Row-level sanity of a record's time stamps: a later step of handling cannot happen before an earlier one.
import type { z } from 'zod';

/**
 * Adds an issue to `ctx` for each pair `[earlier, later]` of keys whose times (ISO strings with offset) are both
 * present and out of order.
 */
export function checkOrder(
  record: Record<string, unknown>,
  pairs: readonly [string, string][],
  headers: Record<string, string>,
  ctx: z.RefinementCtx,
): void {
  for (const [earlier, later] of pairs) {
    const a = record[earlier];
    const b = record[later];
    if (typeof a === 'string' && typeof b === 'string' && Date.parse(b) < Date.parse(a)) {
      ctx.addIssue({ code: 'custom', path: [later], message: `${b} is earlier than ${headers[earlier]} (${earlier}) ${a}` });
    }
  }
}

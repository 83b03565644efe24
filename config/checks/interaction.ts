// Config section of the message-board check (互动回应, 国办秘函〔2019〕19号 单项否决 5): the unanswered limit, the period
// judged, and CSS selectors for message-board layouts the built-in heuristics do not read.
import { z } from 'zod';

const regex = z.string().min(1).max(500).refine((s) => {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
}, 'a valid regular expression');

const selector = z.string().min(1).max(300);

/** One message-board layout read with CSS selectors (the page's own HTML; each `item` is one message). */
export const interactionLayoutSchema = z.strictObject({
  /** Regular expression on the page URL: the layout applies to the pages it matches. */
  pages: regex,
  /** One element per message. */
  item: selector,
  /** Inside an item: the element holding the message's date (留言时间). */
  submitted: selector,
  /** Inside an item: the element holding the reply's date (回复时间 / 答复时间); absent or dateless = no reply. */
  answered: selector,
  /** Inside an item: the title. */
  title: selector.optional(),
  /** Inside an item: the handling status (e.g. 已回复, 无效留言). */
  status: selector.optional(),
});

/** `interaction` in the district config. */
export const interactionConfigSchema = z.strictObject({
  /** A valid message without a reply for more than this many calendar months is the veto. */
  unansweredMonths: z.number().int().min(1).max(24).default(3),
  /** Messages left more than this many months before the audit are not judged (the rule looks at the past year). */
  lookbackMonths: z.number().int().min(1).max(120).default(12),
  /** Layouts read with CSS selectors, tried before the built-in heuristics on the pages they match. */
  layouts: z.array(interactionLayoutSchema).default([]),
});

export type InteractionConfig = z.output<typeof interactionConfigSchema>;
export type InteractionLayout = z.output<typeof interactionLayoutSchema>;

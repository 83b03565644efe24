// The `attachments` artifact: text of the documents a site's pages link to (PDF, DOCX, XLSX), read for personal
// data. Plain data; the privacy check judges it. A file that was not read (legacy format, too large, over the
// per-site cap, fetch failure) is listed with the reason in `notMeasured`.

/** Formats whose text is extracted; legacy `.xls` and others are listed but not read. */
export type AttachmentFormat = 'pdf' | 'docx' | 'xlsx' | 'doc' | 'xls' | 'other';

/** One linked attachment. */
export interface AttachmentText {
  /** Normalised URL of the file. */
  url: string;
  /** Pages that link to it (sorted, at most 20). */
  foundOn: string[];
  format: AttachmentFormat;
  /** Extracted text, whitespace-collapsed and capped; absent when not measured. */
  text?: string;
  /** The text was cut at the cap. */
  truncated?: boolean;
  /** PDF of more than one page: offset in `text` where each page after the first starts (page 2 at [0], …). */
  pageStarts?: number[];
  /** Why no text was read (legacy format, too large, fetch failed, unreadable file). */
  notMeasured?: string;
}

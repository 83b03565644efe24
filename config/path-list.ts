// A list of file paths in the district file, where one path may be written as a plain string (`errorReports:
// exports/reports.csv`) and is read as a one-element list. Any other type is refused naming what was expected.
import { z } from 'zod';

/** Paths relative to the config file: a list, or a single path; default none. */
export function pathList() {
  return z
    .union([z.string().min(1).transform((p) => [p]), z.array(z.string().min(1))], { error: 'a file path or a list of file paths' })
    .default([]);
}

// PDF text through poppler's `pdftotext` (a well-kept tool; Debian poppler-utils), run on a private temp file
// with a time limit and a cap on its output. A missing tool is "not measured", not an error of the run. Pages end
// with a form feed, which extract.ts turns into page offsets.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Extracted = { text: string } | { notMeasured: string };

/** Text of a PDF. Never throws: failures come back as `notMeasured` with the reason. */
export async function pdfText(body: Buffer, opts: { timeoutMs: number; maxChars: number; signal?: AbortSignal }): Promise<Extracted> {
  if (body.subarray(0, 1024).indexOf('%PDF-') < 0) return { notMeasured: 'not a PDF file' };
  const dir = await mkdtemp(join(tmpdir(), 'govaudit-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, body);
    return await new Promise<Extracted>((resolve) => {
      execFile(
        process.env.PDFTOTEXT_PATH || 'pdftotext',
        ['-q', '-enc', 'UTF-8', file, '-'],
        { timeout: opts.timeoutMs, maxBuffer: opts.maxChars * 4, encoding: 'utf8', signal: opts.signal, killSignal: 'SIGKILL' },
        (err, stdout) => {
          if (!err) return resolve({ text: stdout });
          const e = err as NodeJS.ErrnoException & { killed?: boolean };
          if (e.code === 'ENOENT') resolve({ notMeasured: 'pdftotext (poppler-utils) is not installed' });
          else if (e.killed || e.code === 'ABORT_ERR') resolve({ notMeasured: `PDF text extraction stopped after ${opts.timeoutMs} ms` });
          else if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') resolve({ text: stdout });
          else resolve({ notMeasured: `pdftotext could not read the file (${String(e.code ?? e.message).slice(0, 120)})` });
        },
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

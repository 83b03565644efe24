// Reads a response body with a size cap applied to the DECOMPRESSED bytes (gzip, deflate, br), so a
// compression bomb stops at the cap instead of filling memory. Backpressure keeps the inflater's output small.
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

export interface BodyRead {
  body: Buffer;
  /** Bytes kept (decompressed), at most the cap. */
  bytes: number;
  /** More bytes followed the cap and were not read. */
  truncated: boolean;
  /**
   * Body bytes as sent (compressed, when the body was) that went into what was read: for a compressed body, the input
   * the decompressor consumed to produce `bytes` — how a compression bomb is told from a large page.
   */
  wireBytes: number;
  /** The content encoding undone (gzip, deflate, br), when one was. */
  encoding?: string;
  /** The body could not be decoded as announced (kept as far as it went, or raw). */
  decodeProblem?: string;
  /** Reading failed after the headers (reset, timeout): what was read so far is kept. */
  readError?: unknown;
}

class CapReached extends Error {}

/** Content-Encoding values in the order they must be undone. */
export function contentEncodings(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e && e !== 'identity')
    .reverse();
}

type Decoder = () => Transform;

function decoderFor(encoding: string, first: Buffer): Decoder | 'identity' | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      if (first.length >= 2 && !(first[0] === 0x1f && first[1] === 0x8b)) return 'identity';
      return () => createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
    case 'deflate': {
      const zlibHeader = first.length >= 2 && (first[0] & 0x0f) === 8 && ((first[0] << 8) | first[1]) % 31 === 0;
      return zlibHeader
        ? () => createInflate({ finishFlush: constants.Z_SYNC_FLUSH })
        : () => createInflateRaw({ finishFlush: constants.Z_SYNC_FLUSH });
    }
    case 'br':
      return () => createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
    default:
      return null;
  }
}

/**
 * Reads `source` to the end or to `maxBytes` decompressed bytes, whichever comes first. Never throws:
 * failures are reported in the result. The source is destroyed when not read to its end.
 */
export async function readBody(source: Readable, contentEncoding: string | undefined, maxBytes: number): Promise<BodyRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  let decodeProblem: string | undefined;
  let readError: unknown;
  let wireBytes = 0;
  let encoding: string | undefined;
  const stages: Transform[] = [];
  const raw = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const iterator: AsyncIterator<Buffer> = {
    async next() {
      const r = await raw.next();
      if (!r.done) wireBytes += r.value.length;
      return r;
    },
  };
  try {
    const head = await iterator.next();
    if (head.done) return { body: Buffer.alloc(0), bytes: 0, truncated: false, wireBytes: 0 };
    const first = Buffer.from(head.value);
    const encodings = contentEncodings(contentEncoding);
    if (encodings.length > 1) decodeProblem = `several content encodings (${encodings.join(', ')}): only the outermost undone`;
    if (encodings.length > 0) {
      const d = decoderFor(encodings[0], first);
      if (d === null) decodeProblem = `unsupported content-encoding ${encodings[0]}: body kept as sent`;
      else if (d === 'identity') decodeProblem = `content-encoding ${encodings[0]} announced but body is not compressed`;
      else {
        stages.push(d());
        encoding = encodings[0];
      }
    }
    const sink = async (data: AsyncIterable<Buffer>) => {
      for await (const chunk of data) {
        if (total + chunk.length > maxBytes) {
          chunks.push(chunk.subarray(0, maxBytes - total));
          total = maxBytes;
          truncated = true;
          throw new CapReached();
        }
        chunks.push(chunk);
        total += chunk.length;
      }
    };
    if (!stages.length) {
      // nothing to undo: take the chunks as they come (a stream pipeline per page costs more than the page's parse)
      await sink(
        (async function* () {
          yield first;
          for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield Buffer.from(r.value);
        })(),
      );
      return { body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), bytes: total, truncated, wireBytes, decodeProblem };
    }
    const input = Readable.from(
      (async function* () {
        yield first;
        for (;;) {
          const r = await iterator.next();
          if (r.done) return;
          yield Buffer.from(r.value);
        }
      })(),
      { objectMode: false },
    );
    await pipeline(input, stages[0], sink);
  } catch (err) {
    // once the cap is reached the read is complete as far as we care: a later abort or reset is not a failure
    if (!(err instanceof CapReached) && !truncated) {
      const code = String((err as { code?: unknown }).code ?? '');
      if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || /zlib|brotli|header check|unexpected end/i.test(String((err as Error).message))) {
        decodeProblem = `content could not be decompressed: ${(err as Error).message}`;
      } else readError = err;
    }
  } finally {
    // zlib counts the compressed input it consumed (not what was read ahead of it)
    if (stages.length) wireBytes = (stages[0] as Transform & { bytesWritten: number }).bytesWritten;
    if (!source.destroyed && (truncated || readError !== undefined || decodeProblem !== undefined)) source.destroy();
  }
  return { body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), bytes: total, truncated, wireBytes, ...(encoding ? { encoding } : {}), decodeProblem, readError };
}

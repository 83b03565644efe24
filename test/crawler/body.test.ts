import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../crawler/body.ts';

const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

describe('readBody', () => {
  it('reads a plain body arriving in pieces, whole under the cap and cut at it', async () => {
    expect(await readBody(chunks('<html>', '<body>', '</html>'), undefined, 100)).toMatchObject({ bytes: 19, truncated: false });
    expect((await readBody(chunks('<html>', '<body>', '</html>'), undefined, 100)).body.toString()).toBe('<html><body></html>');
    const cut = await readBody(chunks('<html>', '<body>', '</html>'), undefined, 10);
    expect([cut.body.toString(), cut.bytes, cut.truncated]).toEqual(['<html><bod', 10, true]);
  });

  it('keeps what arrived before a failure and reports the failure', async () => {
    const failing = new Readable({ read() {} });
    failing.push(Buffer.from('<html>partial'));
    setImmediate(() => failing.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
    const r = await readBody(failing, undefined, 1_000);
    expect(r.body.toString()).toBe('<html>partial');
    expect((r.readError as { code?: string })?.code).toBe('ECONNRESET');
  });

  it('still undoes gzip', async () => {
    const r = await readBody(Readable.from([gzipSync(Buffer.from('压缩的页面'))]), 'gzip', 1_000);
    expect(r.body.toString()).toBe('压缩的页面');
  });
});

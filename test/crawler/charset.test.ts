import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectCharset, decodeBody } from '../../crawler/charset.ts';
import { createFetcher, type Fetcher } from '../../crawler/fetcher.ts';
import { encodeGbk } from './gbk.ts';
import { startServer, testConfig, type TestServer } from './server.ts';

const TITLE = '区人民政府办公室关于印发《镕铖计划》的通知';
const gbkPage = (head = '') => encodeGbk(`<html><head>${head}<title>${TITLE}</title></head><body><p>${TITLE}</p></body></html>`);
const utf8Page = Buffer.from(`<html><head><title>${TITLE}</title></head><body></body></html>`, 'utf8');

describe('detectCharset (pure)', () => {
  it('prefers BOM, then header, then markup, then sniffing', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8Page]);
    expect(detectCharset(bom, 'text/html; charset=gbk')).toEqual({ charset: 'utf-8', source: 'bom', bomLength: 3 });
    expect(detectCharset(gbkPage('<meta charset="utf-8">'), 'text/html; charset=GB2312')).toMatchObject({ charset: 'gbk', source: 'header' });
    expect(detectCharset(gbkPage('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'text/html')).toMatchObject({ charset: 'gbk', source: 'meta' });
    expect(detectCharset(Buffer.from('<?xml version="1.0" encoding="GBK"?><urlset/>'), null)).toMatchObject({ charset: 'gbk', source: 'meta' });
    expect(detectCharset(gbkPage(), 'text/html')).toMatchObject({ charset: 'gb18030', source: 'sniff' });
    expect(detectCharset(utf8Page, 'text/html')).toMatchObject({ charset: 'utf-8', source: 'sniff' });
    expect(detectCharset(Buffer.alloc(0), null)).toMatchObject({ charset: 'utf-8', source: 'default' });
  });

  it('overrides a declared UTF-8 only when most multi-byte sequences break it', () => {
    const gbk = gbkPage();
    expect(detectCharset(gbk, 'text/html; charset=utf-8')).toEqual({ charset: 'gb18030', source: 'sniff', bomLength: 0, declared: 'utf-8' });
    expect(detectCharset(gbkPage('<meta charset="utf-8">'), 'text/html')).toMatchObject({ charset: 'gb18030', source: 'sniff', declared: 'utf-8' });
    const mostlyUtf8 = Buffer.concat([utf8Page, utf8Page, Buffer.from([0xb9, 0xfa])]);
    expect(detectCharset(mostlyUtf8, 'text/html; charset=utf-8')).toEqual({ charset: 'utf-8', source: 'header', bomLength: 0 });
    const cutUtf8 = utf8Page.subarray(0, utf8Page.indexOf(Buffer.from('</title>')) - 1);
    expect(detectCharset(cutUtf8, 'text/html; charset=utf-8')).toMatchObject({ charset: 'utf-8', source: 'header' });
    expect(detectCharset(gbk, 'text/html; charset=big5')).toMatchObject({ charset: 'big5', source: 'header' });
  });

  it('ignores unknown labels and a meta inside a comment', () => {
    expect(detectCharset(gbkPage('<!-- <meta charset="big5"> --><meta charset="x-nonsense">'), 'text/html; charset=bogus')).toMatchObject({ source: 'sniff', charset: 'gb18030' });
  });

  it('decodes characters outside GB2312 declared as GB2312 (gb18030 decoder)', () => {
    expect(decodeBody(gbkPage(), 'text/html; charset=gb2312').text).toContain(TITLE);
  });
});

describe('charset of fetched pages', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  let base: string;
  const bodies: Record<string, { type: string; body: Buffer }> = {
    '/meta-gbk': { type: 'text/html', body: gbkPage('<meta http-equiv="Content-Type" content="text/html; charset=gbk">') },
    '/header-gbk': { type: 'text/html; charset=GBK', body: gbkPage() },
    '/bom': { type: 'text/html', body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8Page]) },
    '/sniff-gbk': { type: 'text/html', body: gbkPage() },
    '/lying-utf8': { type: 'text/html', body: gbkPage('<meta charset="utf-8">') },
  };

  beforeAll(async () => {
    server = await startServer((req, res) => {
      const b = bodies[req.url ?? ''];
      res.writeHead(b ? 200 : 404, { 'content-type': b?.type ?? 'text/plain' });
      res.end(b?.body ?? '');
    });
    const config = testConfig({ resolve: { 'www.test.gov.cn': ['127.0.0.1'] } });
    fetcher = createFetcher({ config });
    base = `http://www.test.gov.cn:${server.port}`;
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });

  it('reads GBK declared in meta, in the header, UTF-8 with a BOM, and undeclared GBK', async () => {
    const got: Record<string, unknown> = {};
    for (const path of ['/meta-gbk', '/header-gbk', '/bom', '/sniff-gbk']) {
      const r = await fetcher.fetch(base + path);
      got[path] = { charset: r.charset, source: r.charsetSource, hasTitle: r.text?.includes(`<title>${TITLE}</title>`) };
    }
    expect(got).toEqual({
      '/meta-gbk': { charset: 'gbk', source: 'meta', hasTitle: true },
      '/header-gbk': { charset: 'gbk', source: 'header', hasTitle: true },
      '/bom': { charset: 'utf-8', source: 'bom', hasTitle: true },
      '/sniff-gbk': { charset: 'gb18030', source: 'sniff', hasTitle: true },
    });
  });

  it('reads a GBK page that claims UTF-8 as GB18030, since its bytes are not UTF-8', async () => {
    const r = await fetcher.fetch(`${base}/lying-utf8`);
    expect(r.status).toBe(200);
    expect(r.charset).toBe('gb18030');
    expect(r.charsetSource).toBe('sniff');
    expect(r.text).toContain(`<title>${TITLE}</title>`);
    expect(r.text).not.toContain('\ufffd');
  });
});

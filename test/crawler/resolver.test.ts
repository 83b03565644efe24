import { describe, expect, it } from 'vitest';
import { createResolver } from '../../crawler/resolver.ts';

describe('createResolver', () => {
  const r = createResolver({ 'www.test.gov.cn': ['127.0.0.1', '::1'], 'V6.Test.gov.cn': ['::1'], 'gone.test.gov.cn': [] });

  it('answers listed hosts only from their list, by family when asked', async () => {
    expect(await r.lookup('WWW.test.gov.cn')).toEqual([{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]);
    expect(await r.lookup('www.test.gov.cn', 6)).toEqual([{ address: '::1', family: 6 }]);
    expect(await r.lookup('v6.test.gov.cn')).toEqual([{ address: '::1', family: 6 }]);
  });

  it('throws ENOTFOUND for an empty list or a missing family', async () => {
    await expect(r.lookup('gone.test.gov.cn')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(r.lookup('v6.test.gov.cn', 4)).rejects.toMatchObject({ code: 'ENOTFOUND', message: 'no IPv4 address for v6.test.gov.cn' });
  });

  it('answers IP literals with themselves', async () => {
    expect(await r.lookup('[::1]')).toEqual([{ address: '::1', family: 6 }]);
    await expect(r.lookup('127.0.0.1', 6)).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});

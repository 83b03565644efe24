// The personal-data check on hand-made pages and attachment texts: valid IDs, mobiles and bank cards in clear are
// found (one finding per page/attachment and kind, values masked); masked values, credit codes, wrong checksums
// and landlines are not.
import { describe, expect, it } from 'vitest';
import { privacy } from '../../checks/privacy.ts';
import { runChecks } from '../../checks/runner.ts';
import { breakCheck, makeCreditCode, makeId, withLuhn } from '../util/pii-fixtures.ts';
import { findingsOf, metricsOf, page, setup, u } from './content/support.ts';

const ID1 = makeId('350502', '19850312', '123');
const ID2 = makeId('350502', '19900701', '456');
const CARD = withLuhn('622202140201234567');
const CREDIT = makeCreditCode('12350502MB012345');

describe('privacy check', () => {
  it('finds nothing in masked values, credit codes, wrong checksums and landlines', () => {
    const { ctx, artifacts } = setup();
    const text = `公示：张某 身份证号 350502********1234，李某 139****5678；单位统一社会信用代码 ${CREDIT}；` +
      `王某 ${breakCheck(ID1)}；咨询电话 0595-22567812，传真 0595-22567813`;
    const out = privacy.run(artifacts([page('/gs.htm', { text })]), ctx);
    expect(findingsOf(out)).toEqual([]);
    expect(metricsOf(out)).toMatchObject({ pagesScanned: 1, hits: { 'id-number': 0, 'mobile-number': 0, 'bank-card': 0 } });
  });

  it('reports each kind on a page once, with the count and masked values only', () => {
    const { ctx, artifacts } = setup();
    const text = `救助对象：张三 ${ID1} 13906061234；李四 ${ID2} 13906065678；补助发放银行卡号 ${CARD}`;
    const f = findingsOf(privacy.run(artifacts([page('/gs.htm', { text })]), ctx));
    expect(f.map((x) => [x.code, x.url, x.evidence.count])).toEqual([
      ['privacy.id-number', u('/gs.htm'), 2],
      ['privacy.mobile-number', u('/gs.htm'), 2],
      ['privacy.bank-card', u('/gs.htm'), 1],
    ]);
    const id = f.find((x) => x.code === 'privacy.id-number')!;
    expect(id.evidence.values).toEqual([`350502********${ID1.slice(14)}`, `350502********${ID2.slice(14)}`]);
    const all = JSON.stringify(f);
    for (const clear of [ID1, ID2, CARD, '13906061234', '13906065678']) expect(all).not.toContain(clear);
  });

  it('reports personal data in attachment text against the attachment, with the pages that link to it', () => {
    const { ctx, artifacts } = setup();
    const out = privacy.run(
      artifacts([page('/tzgg/1.htm', { text: '详见附件' })], {
        attachments: [
          { url: u('/files/md.xlsx'), foundOn: [u('/tzgg/1.htm')], format: 'xlsx', text: `序号 姓名 身份证号 联系电话 1 张三 ${ID1} 13906061234` },
          { url: u('/files/old.doc'), foundOn: [u('/tzgg/1.htm')], format: 'doc', notMeasured: '旧版 Word 格式（.doc）不解析' },
        ],
      }),
      ctx,
    );
    expect(findingsOf(out).map((x) => [x.code, x.url, x.evidence.source, x.evidence.foundOn])).toEqual([
      ['privacy.id-number', u('/files/md.xlsx'), 'attachment', [u('/tzgg/1.htm')]],
      ['privacy.mobile-number', u('/files/md.xlsx'), 'attachment', [u('/tzgg/1.htm')]],
    ]);
    expect(findingsOf(out)[0].message).toContain('Excel');
    expect(metricsOf(out)).toMatchObject({ attachmentsFound: 2, attachmentsScanned: 1, attachmentsNotMeasured: [{ url: u('/files/old.doc'), reason: expect.any(String) }], urlsWithPersonalData: 1 });
  });

  it('ignores a birth date after the audit day, and the runner accepts its findings', () => {
    const { ctx, artifacts } = setup();
    const future = makeId('350502', '20270101', '123');
    const r = runChecks([privacy], artifacts([page('/a.htm', { text: `新生儿 ${future}` }), page('/b.htm', { text: `张三 ${ID1}` })]), ctx);
    expect(r[0].status).toBe('failed');
    expect(r[0].findings.map((f) => [f.code, f.url])).toEqual([['privacy.id-number', u('/b.htm')]]);
  });
});

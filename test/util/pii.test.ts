import { describe, expect, it } from 'vitest';
import {
  findBankCards,
  findIdNumbers,
  findMobileNumbers,
  findPersonalData,
  maskPersonalData,
  maskValue,
  type PiiHit,
} from '../../util/pii.ts';
import { breakCheck, grouped, luhnOk, makeCreditCode, makeId, withLuhn } from './pii-fixtures.ts';

const NOW = new Date('2026-11-20T09:00:00+08:00');
const ID = makeId('350502', '19850101', '123');
const ID_X = findSeq('350502', '19900315', (id) => id.endsWith('X'));
const CARD16 = withLuhn('622202123456789');
const CARD19 = withLuhn('621700123456789012');

/** An ID of that region and birth date whose sequence number makes `ok` true. */
function findSeq(region: string, birth: string, ok: (id: string) => boolean): string {
  for (let n = 0; n < 1000; n++) {
    const id = makeId(region, birth, String(n).padStart(3, '0'));
    if (ok(id)) return id;
  }
  throw new Error('no such ID');
}

const summary = (hits: PiiHit[]) => hits.map((h) => [h.kind, h.masked, h.index]);
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('findIdNumbers', () => {
  const found: [string, string, [string, string, number][]][] = [
    ['an ID after a label', `身份证号：${ID}。`, [['id-number', maskValue('id-number', ID), 5]]],
    ['an ID with check character X', `证件号码${ID_X}`, [['id-number', `${ID_X.slice(0, 6)}********${ID_X.slice(14)}`, 4]]],
    ['a lower-case x', `号码${ID_X.toLowerCase()} 男`, [['id-number', maskValue('id-number', ID_X), 2]]],
    ['full-width digits', `身份证${fullWidth(ID)}`, [['id-number', maskValue('id-number', ID), 3]]],
    ['two IDs', `${ID}、${ID_X}`, [['id-number', maskValue('id-number', ID), 0], ['id-number', maskValue('id-number', ID_X), 19]]],
    ['born today', makeId('110105', '20261120', '001'), [['id-number', maskValue('id-number', makeId('110105', '20261120', '001')), 0]]],
  ];
  it.each(found)('finds %s', (_name, text, expected) => {
    expect(summary(findIdNumbers(text, NOW))).toEqual(expected);
  });

  const creditCodeWithLetters = makeCreditCode('91350502MA2Y3K4L');
  const allDigitCreditCode = findAllDigitCreditCodeThatLooksLikeAnId();
  const missed: [string, string][] = [
    ['a wrong check character', `身份证号：${breakCheck(ID)}`],
    ['a birth date that does not exist (2026-02-30)', makeId('350502', '20260230', '123')],
    ['a birth date after now', makeId('350502', '20261121', '123')],
    ['a birth year before 1900', makeId('350502', '18991231', '123')],
    ['region 99', makeId('990502', '19850101', '123')],
    ['region 10', makeId('100502', '19850101', '123')],
    ['a longer run of digits', `1${ID}`],
    ['letters around it', `A${ID}`],
    ['a masked ID (birth date shown)', '3505021985********'],
    ['a masked ID (last four shown)', '350502********1234'],
    ['a unified social credit code', `统一社会信用代码：${creditCodeWithLetters}`],
    ['an all-digit credit code that passes the ID checks', allDigitCreditCode],
    ['17 digits', ID.slice(0, 17)],
  ];
  it.each(missed)('ignores %s', (_name, text) => {
    expect(findIdNumbers(text, NOW)).toEqual([]);
  });

  it('sees a future birth date once the clock has passed it', () => {
    const id = makeId('350502', '20261121', '123');
    expect(findIdNumbers(id, new Date('2026-11-21T00:30:00+08:00'))).toHaveLength(1);
  });

  it('refuses an invalid clock', () => {
    expect(() => findIdNumbers(ID, new Date(Number.NaN))).toThrow(/valid Date/);
  });
});

/** An 18-digit string that is both a well-formed ID and a well-formed credit code (e.g. 11… = region Beijing, 机构编制). */
function findAllDigitCreditCodeThatLooksLikeAnId(): string {
  for (let day = 1; day <= 28; day++) {
    for (let seq = 0; seq < 100; seq++) {
      const birth = `198501${String(day).padStart(2, '0')}`;
      const first16 = `110105${birth}${String(seq).padStart(2, '0')}`;
      const code = makeCreditCode(first16);
      if (!/^\d{18}$/.test(code)) continue;
      if (makeId('110105', birth, code.slice(14, 17)) === code) return code;
    }
  }
  throw new Error('none found');
}

describe('findMobileNumbers', () => {
  const found: [string, string, [string, string, number][]][] = [
    ['a bare number', '电话13912345678', [['mobile-number', '139****5678', 2]]],
    ['spaces', '手机：139 1234 5678。', [['mobile-number', '139****5678', 3]]],
    ['dashes', '手机：139-1234-5678', [['mobile-number', '139****5678', 3]]],
    ['a +86 prefix', '+86 13912345678', [['mobile-number', '139****5678', 4]]],
    ['full-width digits', `联系${fullWidth('18650001234')}`, [['mobile-number', '186****1234', 2]]],
    ['two numbers', '15000000000/19912345678', [['mobile-number', '150****0000', 0], ['mobile-number', '199****5678', 12]]],
  ];
  it.each(found)('finds %s', (_name, text, expected) => {
    expect(summary(findMobileNumbers(text))).toEqual(expected);
  });

  const missed: [string, string][] = [
    ['a landline with area code', '电话：0595-22345678'],
    ['a landline with bracketed area code', '电话：(0595)22345678'],
    ['an 8-digit local number', '电话：22345678'],
    ['a 20-digit run containing a mobile', '12345678913912345678'],
    ['a number starting 12', '12012345678'],
    ['a masked mobile', '手机：139****5678'],
    ['an ID number', ID],
  ];
  it.each(missed)('ignores %s', (_name, text) => {
    expect(findMobileNumbers(text)).toEqual([]);
  });
});

describe('findBankCards', () => {
  const found: [string, string, [string, string, number][]][] = [
    ['16 digits after 银行卡号', `银行卡号：${CARD16}`, [['bank-card', maskValue('bank-card', CARD16), 5]]],
    ['19 digits after 账号', `开户行：农业银行 账号 ${CARD19}`, [['bank-card', `${CARD19.slice(0, 4)}****${CARD19.slice(-4)}`, 12]]],
    ['groups of four with spaces', `卡号 ${grouped(CARD19, ' ')}`, [['bank-card', maskValue('bank-card', CARD19), 3]]],
    ['groups of four with dashes', `帐号:${grouped(CARD16, '-')}`, [['bank-card', maskValue('bank-card', CARD16), 3]]],
    ['a keyword after the number', `${CARD16}（银行账户）`, [['bank-card', maskValue('bank-card', CARD16), 0]]],
  ];
  it.each(found)('finds %s', (_name, text, expected) => {
    expect(summary(findBankCards(text))).toEqual(expected);
  });

  const luhnValidId = findSeq('350502', '19850101', (id) => !id.endsWith('X') && luhnOk(id));
  const brokenLuhn = CARD16.slice(0, 15) + ((Number(CARD16[15]) + 1) % 10);
  const missed: [string, string][] = [
    ['a card without a keyword nearby', `编号 ${CARD16}`],
    ['a keyword too far away', `账号${'某'.repeat(30)}${CARD16}`],
    ['a number failing Luhn', `银行卡号：${brokenLuhn}`],
    ['a Luhn-valid ID number', `账号：${luhnValidId}`],
    ['a masked card', '卡号：6222****1234'],
    ['a 20-digit number', `卡号：${withLuhn('6222021234567890123')}`],
    ['a credit code', `账号：${makeCreditCode('91350502MA2Y3K4L')}`],
  ];
  it.each(missed)('ignores %s', (_name, text) => {
    expect(findBankCards(text)).toEqual([]);
  });
});

describe('maskValue', () => {
  const cases: [Parameters<typeof maskValue>[0], string, string][] = [
    ['id-number', '35050219850101123X', '350502********123X'],
    ['id-number', '35050219850101123x', '350502********123X'],
    ['mobile-number', '13912345678', '139****5678'],
    ['mobile-number', '139 1234-5678', '139****5678'],
    ['mobile-number', '+8613912345678', '139****5678'],
    ['bank-card', '6222 0212 3456 7890 123', '6222****0123'],
    ['id-number', '12345', '*****'],
  ];
  it.each(cases)('%s %s → %s', (kind, value, masked) => {
    expect(maskValue(kind, value)).toBe(masked);
  });
});

describe('context', () => {
  it('shows about 20 characters either side with every value masked', () => {
    const text = `联系人张三，身份证号码${ID}，电话13912345678。`;
    const [idHit, mobileHit] = findPersonalData(text, NOW);
    expect(idHit.context).toBe(`联系人张三，身份证号码${maskValue('id-number', ID)}，电话139****5678。`);
    expect(mobileHit.context).toBe(`${maskValue('id-number', ID)}，电话139****5678。`);
  });

  it('masks long numbers the finders did not claim, keeps short ones and dates', () => {
    const text = '备注：编号1234567890123 电话13912345678 房间301 2026-11-05 止';
    const [hit] = findMobileNumbers(text);
    expect(hit.context).toBe('注：编号************* 电话139****5678 房间301 2026-11-05 止');
  });

  it('never cuts a neighbouring value in half', () => {
    const text = `${'某'.repeat(30)}${ID}一二三${CARD16}账号`;
    const hits = findPersonalData(text, NOW);
    expect(hits.map((h) => h.kind)).toEqual(['id-number', 'bank-card']);
    expect(hits[1].context).toBe(`${maskValue('id-number', ID)}一二三${maskValue('bank-card', CARD16)}账号`);
  });
});

describe('maskPersonalData', () => {
  it('replaces every hit in place and leaves the rest', () => {
    const text = `张三 ${ID} 139 1234 5678 卡号${CARD16} 电话0595-22345678`;
    expect(maskPersonalData(text)).toBe(
      `张三 ${maskValue('id-number', ID)} 139****5678 卡号${maskValue('bank-card', CARD16)} 电话0595-22345678`,
    );
  });
});

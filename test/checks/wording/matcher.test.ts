// The matcher and its guards on single sentences: what reads like a key term but is not it, and the right text
// around terms that must stay quiet (a neighbouring word, the term's own end, a longer post, a discussion).
import { describe, expect, it } from 'vitest';
import { buildLexicon } from '../../../checks/wording/lexicon.ts';
import { scanText } from '../../../checks/wording/scan.ts';
import { likeness } from '../../../checks/wording/pinyin.ts';
import { wordingConfigSchema } from '../../../config/checks/wording.ts';

const lex = buildLexicon(wordingConfigSchema.parse({ leaders: [{ name: '陈志远', posts: [{ title: '区长', from: '2021-09-01' }] }] }));
const scan = (text: string, date: string | null = '2024-05-01') => scanText(text, lex, { pageDate: () => date }).map((h) => `${h.kind}:${h.wrong}→${h.correct}`);

describe('wording matcher', () => {
  it('reads characters by pinyin: homophones, near sounds of southern Mandarin, and different ones', () => {
    expect([likeness('治', '制'), likeness('兴', '新'), likeness('观', '体'), likeness('部', '部')]).toEqual(['homophone', 'near-homophone', 'different', 'same']);
  });

  it('finds each kind of garbled key term', () => {
    expect(scan('坚持一国两治。')).toEqual(['homophone:一国两治→一国两制']);
    // a short term's changed last character may start the next word (一国两治方针 is left alone: precision first)
    expect(scan('坚持一国两治方针。')).toEqual([]);
    expect(scan('推进供给侧结构性改格。')).toEqual(['homophone:供给侧结构性改格→供给侧结构性改革']);
    expect(scan('发展全过程人民民主。')).toEqual([]);
    expect(scan('发展全过程民人民主。')).toEqual(['transposition:全过程民人民主→全过程人民民主']);
    expect(scan('构建人类命运同体。')).toEqual(['omission:人类命运同体→人类命运共同体']);
    expect(scan('推动长江经经济带发展。')).toEqual(['duplication:长江经经济带→长江经济带']);
    expect(scan('全面建设社会主义现代化强国。')).toEqual([]);
  });

  it('stays quiet on right words that touch or resemble a term', () => {
    for (const text of [
      '小区设置四个自行车停放点。', '中华人民共和国国务院令', '全国人民代表大会常务委员会', '省人民代表大会常务委员会公告',
      '全面从严治军', '社会主义核心价值体系', '全面建设小康社会', '实现第一个百年奋斗目标', '重大执法决定法制审核制度',
      '共和国国旗', '两个维修点', '加强法制宣传教育', '深化人才发展体制机制改革', '国务院副总理韩正出席', '副区长陈智远主持',
      '全面建设社会主义现代化强国', '到2050年全面建成社会主义现代化国家', '全面建成社会主义现代化强国',
    ]) expect(scan(text, '2020-06-01'), text).toEqual([]);
  });

  it('guards typos: exceptions, the next character, a date after 截止, the rest of the sentence', () => {
    expect(scan('公布署名文章；全部暑假；截止时间为17时；截止到目前；既使企业受益，又使群众满意；既便于群众办事，又节约成本。')).toEqual([]);
    expect(scan('截止2024年底，全区完成投资。既使困难再多也不退缩。')).toEqual(['typo:截止→截至', 'typo:既使→即使']);
  });

  it('skips quotations that discuss the wrong form, URLs and file names', () => {
    expect(scan('“布署”应为“部署”。请勿写成“两个维户”，正确写法为“两个维护”。')).toEqual([]);
    expect(scan('下载 http://www.x.gov.cn/2024/布署.html 和 关于布署工作的通知.pdf')).toEqual([]);
    expect(scan('会议强调要“两个维户”。')).toEqual(['homophone:两个维户→两个维护']);
  });

  it('judges posts against the page date, leaving historic mentions alone', () => {
    expect(scan('国务院总理李强主持会议。', '2024-05-01')).toEqual([]);
    expect(scan('李克强总理考察。', '2024-05-01')).toEqual(['outdated-post:李克强总理→总理李强（或“时任总理李克强”）']);
    expect(scan('2019年，李克强总理考察。', '2024-05-01')).toEqual([]);
    expect(scan('时任国务院总理李克强考察。', '2024-05-01')).toEqual([]);
    expect(scan('国务院总理李克强考察。', null)).toEqual([]);
    expect(scan('总书记习近平、国务院总理李强、全国人大常委会委员长赵乐际出席。', '2024-05-01')).toEqual([]);
    expect(scan('国务院总理温家宝主持召开座谈会。国务院副总理李克强出席会议。', '2008-04-23')).toEqual([]);
    expect(scan('国务院副总理李克强出席会议。', '2024-04-23')).toEqual(['outdated-post:国务院副总理李克强→时任国务院副总理李克强']);
    expect(scan('中央军委主席胡锦涛签署命令。', '2008-04-23')).toEqual([]);
    expect(scan('国务院总理李鹏出席会议。国务院总理朱镕基出席会议。', '1995-04-23')).toEqual([]);
    expect(scan('各级环境保护部门要加强监管。根据环境保护部要求开展检查。', '2020-05-01')).toEqual(['outdated-term:环境保护部→生态环境部']);
    expect(scan('区长陈智远出席。', '2024-05-01')).toEqual(['leader-name:陈智远→陈志远']);
    expect(scan('习进平同志强调。张国庆同志、刘国忠同志获评优秀党员。', '2024-05-01')).toEqual(['leader-name:习进平→习近平']);
    expect(scan('区长陈志远出席。', '2020-05-01')).toEqual(['post-not-yet-held:区长陈志远→陈志远（区长 2021-09-01至今）']);
  });
});

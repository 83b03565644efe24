// The spam vocabulary of injected content on hacked government pages (gambling, lottery, adult content, counterfeit
// documents, illegal loans), kept as data. Config `security.spamWords` replaces the list, `security.extraSpamWords`
// adds to it. Terms are matched as substrings after NFKC folding and lower-casing, so latin terms are lower case.
// A term alone never makes a finding: see checks/security/spam.ts for the context a finding needs.

export const spamCategories = ['gambling', 'lottery', 'adult', 'documents', 'loans'] as const;
export type SpamCategory = (typeof spamCategories)[number] | 'custom';

/** Terms by category. Avoid short or everyday words (竞猜 is also a quiz, 棋牌室 a licensed parlour, 办证 a service). */
export const spamWords: Record<(typeof spamCategories)[number], string[]> = {
  gambling: [
    '博彩', '赌博', '赌场', '百家乐', '娱乐城', '真人娱乐', '真人视讯', '网上赌场', '在线赌场', '澳门赌场', '新葡京', '葡京娱乐',
    '威尼斯人娱乐', '金沙娱乐', '太阳城娱乐', '永利娱乐', '皇冠体育', '皇冠投注', '买球', '赌球', '足球投注', '体育投注', '滚球',
    '外围投注', '下注平台', '投注平台', '竞猜平台', '电子游艺', '老虎机', '德州扑克', '棋牌游戏平台', '捕鱼游戏', '彩金', '首存',
    '返水', '洗码', 'bet365', '亚博体育', '开云体育', '博彩网站', '赌博网站',
  ],
  lottery: ['六合彩', '时时彩', '北京赛车', '北京pk10', '幸运飞艇', '快三平台', '香港马会', '特码', '一肖一码', '彩票平台', '彩票网投', '私彩', '网投'],
  adult: ['色情', '成人视频', '成人电影', '黄色网站', '黄色视频', '激情视频', '裸聊', '约炮', '一夜情', '伦理片', '无码', 'av在线', '援交', '小姐上门'],
  documents: ['办假证', '假证', '假文凭', '假学历', '代开发票', '代开增值税发票', '仿真证件', '证件制作', '办毕业证', '刻假章', '代办驾照'],
  loans: ['网贷平台', '无抵押贷款', '无视黑白户', '黑户贷款', '黑户可贷', '秒下款', '当天放款', '快速放款', '信用卡套现', '套现', '裸贷', '高利贷', '贷款口子'],
};

/**
 * Terms that legitimate pages use when they warn against the thing (打击网络赌博, 扫黄打非, 防范非法集资): one of them
 * counts only together with other evidence (a second term, a strong term, a link or hidden placement).
 */
export const weakSpamWords: string[] = ['赌博', '博彩', '色情', '假证', '高利贷', '套现', '网投', '私彩'];

/**
 * Words in a page's title that mark it as a warning or a crackdown notice (关于开展打击网络赌博专项行动的通知):
 * spam terms in such a page's title or visible text are not a finding by themselves.
 */
export const antiSpamContextWords: string[] = [
  '打击', '整治', '治理', '专项', '严厉', '取缔', '查处', '严禁', '禁止', '防范', '警惕', '谨防', '举报', '曝光', '通报', '扫黄打非',
  '反赌', '反诈', '反电诈', '远离', '抵制', '拒绝', '识别', '预防', '危害', '警示', '提醒', '诈骗', '违法', '犯罪',
];

// The key terms the wording check guards (严重表述错误, 国办秘函〔2019〕19号 单项否决): the standard formulations of the
// Party's and the State's key concepts, the country's and institutions' official names, institution names outdated
// by a reform, and the national leaders' posts with the dates each is held. Data only; checks/wording/lexicon.ts
// validates it when it loads (an entry without a known source, a bad date, a term with punctuation is an error).
// A district adds its own leaders, names and terms in config `wording` (config/checks/wording.ts).
//
// Terms are Han characters only: a formulation written with 、 in the source (不忘初心、牢记使命) is listed as its
// parts, since the check compares runs of Han text. `lookalikes` are right phrases that differ from the term by
// one edit (社会主义核心价值体系 beside 社会主义核心价值观) and so must never be reported as a garbled form of it.

/** Where a term, a name or a post comes from, and the date of that source. */
export const keyTermSources = {
  'cpc-constitution-2022': { name: '《中国共产党章程》（中国共产党第二十次全国代表大会部分修改，2022年10月22日通过）', date: '2022-10-22' },
  'cpc-20th-report': { name: '高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗——在中国共产党第二十次全国代表大会上的报告', date: '2022-10-16' },
  'prc-constitution-2018': { name: '《中华人民共和国宪法》（2018年3月11日第十三届全国人民代表大会第一次会议通过的修正案）', date: '2018-03-11' },
  'gov-work-report-2024': { name: '2024年国务院政府工作报告（第十四届全国人民代表大会第二次会议）', date: '2024-03-05' },
  'state-council-reform-2018': { name: '国务院机构改革方案（2018年3月17日第十三届全国人民代表大会第一次会议批准）', date: '2018-03-17' },
  'state-council-reform-2023': { name: '国务院机构改革方案（2023年3月10日第十四届全国人民代表大会第一次会议批准）', date: '2023-03-10' },
  'state-council-org-law-2024': { name: '《中华人民共和国国务院组织法》（2024年3月11日修订）', date: '2024-03-11' },
  'npc-9-1': { name: '第九届全国人民代表大会第一次会议选举和决定任命（1998年3月16日至18日）', date: '1998-03-18' },
  'npc-11-1': { name: '第十一届全国人民代表大会第一次会议选举和决定任命（2008年3月15日至17日）', date: '2008-03-17' },
  'cpc-16th-plenum-4': { name: '中国共产党第十六届中央委员会第四次全体会议（决定中央军事委员会主席）', date: '2004-09-19' },
  'cpc-16th-plenum-1': { name: '中国共产党第十六届中央委员会第一次全体会议（选举中央委员会总书记）', date: '2002-11-15' },
  'cpc-18th-plenum-1': { name: '中国共产党第十八届中央委员会第一次全体会议（选举中央委员会总书记、决定中央军事委员会组成人员）', date: '2012-11-15' },
  'npc-10-1': { name: '第十届全国人民代表大会第一次会议选举和决定任命（2003年3月15日、16日）', date: '2003-03-16' },
  'npc-12-1': { name: '第十二届全国人民代表大会第一次会议选举和决定任命（2013年3月14日至16日）', date: '2013-03-16' },
  'npc-13-1': { name: '第十三届全国人民代表大会第一次会议选举和决定任命（2018年3月17日至19日）', date: '2018-03-19' },
  'npc-14-1': { name: '第十四届全国人民代表大会第一次会议选举和决定任命（2023年3月10日至12日）', date: '2023-03-12' },
  'cppcc-12-1': { name: '中国人民政治协商会议第十二届全国委员会第一次会议选举（2013年3月11日）', date: '2013-03-11' },
  'cppcc-13-1': { name: '中国人民政治协商会议第十三届全国委员会第一次会议选举（2018年3月14日）', date: '2018-03-14' },
  'cppcc-14-1': { name: '中国人民政治协商会议第十四届全国委员会第一次会议选举（2023年3月10日）', date: '2023-03-10' },
} as const;

export type KeyTermSourceId = keyof typeof keyTermSources;

/**
 * What a term is. It decides which garbled forms count (checks/wording/matcher.ts): an institution's name is not
 * reported for a plain one-character change (全国 → 全省 names another body), a formulation and the country's name are.
 */
export type KeyTermCategory = 'formulation' | 'country' | 'institution';

export interface KeyTermEntry {
  term: string;
  category: KeyTermCategory;
  source: KeyTermSourceId;
  /** Right phrases one edit away from the term. */
  lookalikes?: string[];
}

export interface OutdatedTermEntry {
  term: string;
  /** First date on which the name is no longer right. */
  from: string;
  replacement: string;
  source: KeyTermSourceId;
}

const f = (source: KeyTermSourceId, ...terms: string[]): KeyTermEntry[] => terms.map((term) => ({ term, category: 'formulation', source }));
const inst = (source: KeyTermSourceId, ...terms: string[]): KeyTermEntry[] => terms.map((term) => ({ term, category: 'institution', source }));

export const keyTerms: KeyTermEntry[] = [
  { term: '中华人民共和国', category: 'country', source: 'prc-constitution-2018' },
  ...f('cpc-constitution-2022',
    '习近平新时代中国特色社会主义思想', '中国特色社会主义', '马克思列宁主义', '毛泽东思想', '邓小平理论', '三个代表', '科学发展观',
    '中华民族伟大复兴', '四个意识', '四个自信', '两个维护', '两个确立', '五位一体', '四个全面', '全面从严治党', '全面依法治国',
    '全面深化改革', '社会主义市场经济', '社会主义初级阶段', '以人民为中心', '新发展理念', '人类命运共同体', '一带一路',
    '铸牢中华民族共同体意识', '不忘初心', '牢记使命', '实事求是', '解放思想', '改革开放', '一国两制', '港人治港', '澳人治澳',
    '以习近平同志为核心的党中央', '总体国家安全观', '全过程人民民主', '社会主义法治国家', '依法治国', '从严治党', '民主集中制',
  ),
  { term: '社会主义核心价值观', category: 'formulation', source: 'cpc-constitution-2022', lookalikes: ['社会主义核心价值体系'] },
  { term: '第二个百年奋斗目标', category: 'formulation', source: 'cpc-20th-report', lookalikes: ['第一个百年奋斗目标'] },
  { term: '全面建成小康社会', category: 'formulation', source: 'cpc-20th-report', lookalikes: ['全面建设小康社会'] },
  // 全面建设/建成 × 社会主义现代化国家/强国: all four are written in right texts (the task, the goal), so a one-character
  // step between them is never “corrected”
  { term: '全面建设社会主义现代化国家', category: 'formulation', source: 'cpc-20th-report', lookalikes: ['全面建成社会主义现代化国家'] },
  ...f('cpc-20th-report',
    '中国式现代化', '高质量发展', '新发展格局',
    '乡村振兴', '脱贫攻坚', '共同富裕', '精准扶贫', '绿水青山就是金山银山', '生态文明', '法治政府', '供给侧结构性改革',
    '国家治理体系和治理能力现代化', '粤港澳大湾区', '长江经济带', '京津冀协同发展', '科教兴国', '人才强国', '创新驱动发展',
    '健康中国', '平安中国', '美丽中国', '数字中国', '文化自信', '自我革命', '两个结合', '统一战线', '防范化解重大风险',
  ),
  ...f('gov-work-report-2024', '新质生产力', '放管服改革', '营商环境'),
  ...inst('prc-constitution-2018',
    '中国共产党', '中国共产党中央委员会', '中共中央', '中华人民共和国国务院', '国务院办公厅', '全国人民代表大会',
    '全国人民代表大会常务委员会', '中国人民政治协商会议', '中央军事委员会', '国家监察委员会', '最高人民法院', '最高人民检察院',
    '中国人民解放军', '中国共产主义青年团', '人民代表大会制度',
  ),
  ...inst('state-council-reform-2018',
    '生态环境部', '自然资源部', '应急管理部', '退役军人事务部', '文化和旅游部', '农业农村部', '国家卫生健康委员会',
    '国家市场监督管理总局', '国家医疗保障局', '国家移民管理局', '国家国际发展合作署',
  ),
  ...inst('state-council-reform-2023', '国家金融监督管理总局', '国家数据局', '国家知识产权局'),
  ...inst('state-council-org-law-2024',
    '国家发展和改革委员会', '住房和城乡建设部', '人力资源和社会保障部', '中国人民银行', '国家统计局', '国务院国有资产监督管理委员会',
  ),
];

/** Institutions renamed or merged by a reform: written as a current body on a page dated on or after `from`. */
export const outdatedTerms: OutdatedTermEntry[] = [
  { term: '国家卫生和计划生育委员会', from: '2018-03-17', replacement: '国家卫生健康委员会', source: 'state-council-reform-2018' },
  { term: '环境保护部', from: '2018-03-17', replacement: '生态环境部', source: 'state-council-reform-2018' },
  { term: '国土资源部', from: '2018-03-17', replacement: '自然资源部', source: 'state-council-reform-2018' },
  { term: '国家工商行政管理总局', from: '2018-03-17', replacement: '国家市场监督管理总局', source: 'state-council-reform-2018' },
  { term: '国家质量监督检验检疫总局', from: '2018-03-17', replacement: '国家市场监督管理总局', source: 'state-council-reform-2018' },
  { term: '国家安全生产监督管理总局', from: '2018-03-17', replacement: '应急管理部', source: 'state-council-reform-2018' },
  { term: '中国银行业监督管理委员会', from: '2018-03-17', replacement: '中国银行保险监督管理委员会（2023年起为国家金融监督管理总局）', source: 'state-council-reform-2018' },
  { term: '中国银行保险监督管理委员会', from: '2023-03-10', replacement: '国家金融监督管理总局', source: 'state-council-reform-2023' },
];

/** A national post and the ways it is written beside a name. Only forms that name this post alone (总理, not 主席). */
export interface NationalPost {
  id: string;
  name: string;
  forms: string[];
}

export const nationalPosts: NationalPost[] = [
  { id: 'general-secretary', name: '中共中央总书记', forms: ['中共中央总书记', '中国共产党中央委员会总书记', '总书记'] },
  { id: 'president', name: '国家主席', forms: ['国家主席', '中华人民共和国主席'] },
  { id: 'vice-president', name: '国家副主席', forms: ['国家副主席', '中华人民共和国副主席'] },
  { id: 'cmc-chairman', name: '中央军委主席', forms: ['中央军委主席', '中共中央军委主席', '中央军事委员会主席'] },
  { id: 'premier', name: '国务院总理', forms: ['国务院总理', '总理'] },
  { id: 'vice-premier', name: '国务院副总理', forms: ['国务院副总理', '副总理'] },
  { id: 'npc-chairman', name: '全国人大常委会委员长', forms: ['全国人大常委会委员长', '全国人民代表大会常务委员会委员长', '委员长'] },
  { id: 'cppcc-chairman', name: '全国政协主席', forms: ['全国政协主席', '中国人民政治协商会议全国委员会主席'] },
];

export interface LeaderTermEntry {
  name: string;
  posts: { post: string; from: string; until?: string; source: KeyTermSourceId }[];
}

/**
 * The first date from which every listed leader's posts above are listed in full: a post a leader is named with on a
 * page dated earlier is not judged (the lists do not reach back further).
 */
export const nationalPostsListedFrom = '1998-03-16';

/** National leaders with the posts above and the dates held (until: the last day, the day before a successor took the post). */
export const nationalLeaders: LeaderTermEntry[] = [
  { name: '习近平', posts: [
    { post: 'vice-president', from: '2008-03-15', until: '2013-03-13', source: 'npc-11-1' },
    { post: 'general-secretary', from: '2012-11-15', source: 'cpc-18th-plenum-1' },
    { post: 'cmc-chairman', from: '2012-11-15', source: 'cpc-18th-plenum-1' },
    { post: 'president', from: '2013-03-14', source: 'npc-12-1' },
  ] },
  { name: '胡锦涛', posts: [
    { post: 'vice-president', from: '1998-03-16', until: '2003-03-14', source: 'npc-9-1' },
    { post: 'general-secretary', from: '2002-11-15', until: '2012-11-14', source: 'cpc-16th-plenum-1' },
    { post: 'president', from: '2003-03-15', until: '2013-03-13', source: 'npc-10-1' },
    { post: 'cmc-chairman', from: '2004-09-19', until: '2012-11-14', source: 'cpc-16th-plenum-4' },
  ] },
  { name: '李强', posts: [{ post: 'premier', from: '2023-03-11', source: 'npc-14-1' }] },
  { name: '李克强', posts: [
    { post: 'vice-premier', from: '2008-03-17', until: '2013-03-15', source: 'npc-11-1' },
    { post: 'premier', from: '2013-03-15', until: '2023-03-10', source: 'npc-12-1' },
  ] },
  { name: '温家宝', posts: [
    { post: 'vice-premier', from: '1998-03-18', until: '2003-03-15', source: 'npc-9-1' },
    { post: 'premier', from: '2003-03-16', until: '2013-03-14', source: 'npc-10-1' },
  ] },
  { name: '赵乐际', posts: [{ post: 'npc-chairman', from: '2023-03-10', source: 'npc-14-1' }] },
  { name: '栗战书', posts: [{ post: 'npc-chairman', from: '2018-03-17', until: '2023-03-09', source: 'npc-13-1' }] },
  { name: '张德江', posts: [
    { post: 'vice-premier', from: '2008-03-17', until: '2013-03-13', source: 'npc-11-1' },
    { post: 'npc-chairman', from: '2013-03-14', until: '2018-03-16', source: 'npc-12-1' },
  ] },
  { name: '王沪宁', posts: [{ post: 'cppcc-chairman', from: '2023-03-10', source: 'cppcc-14-1' }] },
  { name: '汪洋', posts: [
    { post: 'vice-premier', from: '2013-03-16', until: '2018-03-18', source: 'npc-12-1' },
    { post: 'cppcc-chairman', from: '2018-03-14', until: '2023-03-09', source: 'cppcc-13-1' },
  ] },
  { name: '俞正声', posts: [{ post: 'cppcc-chairman', from: '2013-03-11', until: '2018-03-13', source: 'cppcc-12-1' }] },
  { name: '韩正', posts: [
    { post: 'vice-premier', from: '2018-03-19', until: '2023-03-11', source: 'npc-13-1' },
    { post: 'vice-president', from: '2023-03-10', source: 'npc-14-1' },
  ] },
  { name: '王岐山', posts: [
    { post: 'vice-premier', from: '2008-03-17', until: '2013-03-15', source: 'npc-11-1' },
    { post: 'vice-president', from: '2018-03-17', until: '2023-03-09', source: 'npc-13-1' },
  ] },
  { name: '丁薛祥', posts: [{ post: 'vice-premier', from: '2023-03-12', source: 'npc-14-1' }] },
  { name: '何立峰', posts: [{ post: 'vice-premier', from: '2023-03-12', source: 'npc-14-1' }] },
  { name: '张国清', posts: [{ post: 'vice-premier', from: '2023-03-12', source: 'npc-14-1' }] },
  { name: '刘国中', posts: [{ post: 'vice-premier', from: '2023-03-12', source: 'npc-14-1' }] },
  { name: '孙春兰', posts: [{ post: 'vice-premier', from: '2018-03-19', until: '2023-03-11', source: 'npc-13-1' }] },
  { name: '胡春华', posts: [{ post: 'vice-premier', from: '2018-03-19', until: '2023-03-11', source: 'npc-13-1' }] },
  { name: '刘鹤', posts: [{ post: 'vice-premier', from: '2018-03-19', until: '2023-03-11', source: 'npc-13-1' }] },
];

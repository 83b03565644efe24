// The shipped default disclosure catalogue (主动公开基本目录) for a district government and its departments: what
// each must publish and by when, with the rule quoted beside each item. Applies when the config has no
// `disclosure.catalogue`; validated against the config's item schema when loaded (checks/disclosure/catalogue.ts).
// Sources: 《中华人民共和国政府信息公开条例》(2019年修订, 条例); 泉鲤政办〔2018〕77号 (the district notice, 通知).
// Only the annual report has a fixed statutory date; the notice and 预算法 give none a crawl can check for the
// other items (budgets: "within 20 days of approval", a date the site does not show), so they are `standing`.
import type { DisclosureItem, DisclosureRole } from './disclosure.ts';

/** Every item of the default names its roles, so a site that declares none is not held to the default. */
const ALL: DisclosureRole[] = ['government', 'department', 'sector-department'];

export const defaultDisclosureCatalogue: DisclosureItem[] = [
  {
    id: 'annual-report-department',
    name: '政府信息公开工作年度报告（部门）',
    titlePattern: '{year}\\s*年度?.{0,40}政府信息公开(?:工作)?年度报告',
    due: '01-31',
    roles: ['department', 'sector-department'],
    source: '条例第四十九条：县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布',
  },
  {
    id: 'annual-report-government',
    name: '政府信息公开工作年度报告（本级政府）',
    titlePattern: '{year}\\s*年度?.{0,40}政府信息公开(?:工作)?年度报告',
    due: '03-31',
    roles: ['government'],
    source: '条例第四十九条：县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告',
  },
  {
    id: 'disclosure-guide',
    name: '政府信息公开指南',
    titlePattern: '政府信息公开指南',
    due: 'standing',
    roles: ALL,
    source: '条例第十二条：行政机关编制、公布的政府信息公开指南和政府信息公开目录应当及时更新；通知第33项：对照新条例要求全面梳理应当主动公开的政府信息',
  },
  {
    id: 'responsibility-list',
    name: '权责清单',
    titlePattern: '权责清单|权力清单|责任清单',
    due: 'standing',
    roles: ALL,
    source: '通知第3项：推进行政机关权责清单网上公开，除涉密事项外，均应及时向社会公开',
  },
  {
    id: 'proposal-replies',
    name: '人大代表建议和政协委员提案办理复文',
    titlePattern: '(?:建议|提案)的?(?:答复|复文)|(?:建议|提案)办理(?:结果|情况|复文)',
    due: 'standing',
    roles: ALL,
    source: '通知第4项：对于涉及公共利益、公众权益、社会关切及需要社会广泛知晓的建议和提案办理复文，原则上都应全文公开',
  },
  {
    id: 'random-inspection-list',
    name: '随机抽查事项清单（双随机、一公开）',
    titlePattern: '抽查事项清单',
    due: 'standing',
    roles: ['department', 'sector-department'],
    source: '通知第5项：各有关单位要制定并公布本单位随机抽查事项清单，明确抽查事项、对象、依据',
  },
  {
    id: 'random-inspection-results',
    name: '随机抽查结果（双随机、一公开）',
    titlePattern: '抽查(?:检查)?(?:结果|情况)',
    due: 'standing',
    roles: ['department', 'sector-department'],
    source: '通知第5项：及时公开抽查结果',
  },
  {
    id: 'budget',
    name: '预算',
    titlePattern: '(?:部门|单位|财政|政府)预算|预算(?:公开|草案|说明)',
    due: 'standing',
    roles: ALL,
    source: '通知第6项：推动全面公开财政预决算信息；预算法第十四条：各部门所属单位的预算、决算及报表，应当在本级政府财政部门批复后二十日内由各部门向社会公开',
  },
  {
    id: 'final-accounts',
    name: '决算',
    titlePattern: '(?:部门|单位|财政|政府)决算|决算(?:公开|草案|说明)',
    due: 'standing',
    roles: ALL,
    source: '通知第6项：推动全面公开财政预决算信息；预算法第十四条（同上）',
  },
  {
    id: 'key-area-list',
    name: '重点领域政务公开清单',
    titlePattern: '重点领域.{0,10}(?:政务|信息)公开.{0,4}清单',
    due: 'standing',
    roles: ALL,
    source: '通知第36项：做好重点领域政务公开清单编制工作，覆盖权力运行全流程、政务服务全过程',
  },
  {
    id: 'public-institutions',
    name: '所属公共企事业单位公开事项目录',
    titlePattern: '公共企事业单位.{0,10}(?:信息)?公开(?:事项)?(?:目录|制度|清单)',
    due: 'standing',
    roles: ['sector-department'],
    source: '通知第37—38项：行业主管部门组织开展公共企事业单位信息公开制度制定工作，组织编制所属公共企事业单位公开事项目录',
  },
];

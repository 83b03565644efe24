// Hosts that are not under .gov.cn but are run by the state or the party (national media, official reporting
// services). Government pages link to them routinely — in 飘窗 and hidden menus too — so a link to them is treated
// like a link to a government host: never a hidden spam link, never a commercial ad. Extend with config
// `security.governmentDomains`.

export const publicHosts: string[] = [
  'xuexi.cn', 'people.com.cn', 'xinhuanet.com', 'news.cn', 'cctv.com', 'cctv.cn', 'cnr.cn', 'gmw.cn', 'qstheory.cn',
  'chinadaily.com.cn', 'china.com.cn', 'youth.cn', '12377.cn', '12321.cn', 'cac.gov.cn',
];

// User-facing strings of the security check (zh-CN), keyed.

const whereLabels: Record<string, string> = {
  title: '网页标题', description: '页面描述', keywords: '关键词', link: '外部链接文字', hidden: '隐藏内容', text: '正文',
};

const trustProblems: Record<string, string> = {
  'self-signed': '自签名证书，未由受信任的证书机构签发',
  'unknown-issuer': '签发机构不受信任或证书链不完整',
  'bad-signature': '证书签名无效',
  'issuer-not-ca': '签发者不是证书机构',
  'no-certificate': '服务器未提供证书',
  'wrong-host': '证书不适用于该域名',
  expired: '证书已过期',
  'not-yet-valid': '证书尚未生效',
};

export const strings = {
  title: '网站安全',
  noHomepage: (reason: string) => `首页未能抓取（${reason}），无法检查网站安全`,
  spamContent: (where: string[], terms: string[], pages: number) =>
    `${pages > 1 ? `${pages}个页面的` : ''}${where.map((w) => whereLabels[w] ?? w).join('、')}含有赌博、色情等违规词语（${terms.slice(0, 5).join('、')}），疑似被篡改或植入，请人工确认`,
  cloaking: (agents: string[], what: string) => `向搜索引擎爬虫（${agents.join('、')}）返回的内容与普通访问不同：${what}，疑似被植入针对搜索引擎的违规内容，请人工确认`,
  cloakingTitle: (normal: string, crawler: string) => `标题由“${normal}”变为“${crawler}”`,
  cloakingTerms: (terms: string[]) => `出现违规词语（${terms.slice(0, 5).join('、')}）`,
  cloakingRedirect: (host: string) => `被跳转至非政府网站 ${host}`,
  tamperedTitle: (title: string, articleTitle: string) => `网页标题“${title}”与文章标题“${articleTitle}”不一致且含有违规词语，疑似标题被篡改，请人工确认`,
  hiddenLink: (hosts: string[], pages: number) =>
    `${pages > 1 ? `${pages}个页面` : '页面'}含有指向非政府网站（${hosts.slice(0, 3).join('、')}${hosts.length > 3 ? '等' : ''}）的隐藏链接（暗链），请人工确认`,
  noHttpsOffered: (url: string) => `网站未提供HTTPS访问（${url}无法建立加密连接）`,
  noHttpsRedirect: '网站通过HTTP访问时未自动跳转到HTTPS',
  tlsInvalid: (problems: string[]) => `HTTPS证书无效：${problems.map((p) => trustProblems[p] ?? p).join('；')}`,
  tlsExpiring: (days: number, date: string) => `HTTPS证书将于${days}天后（${date}）过期，请及时续期`,
  mixedContent: (count: number, pages: number) => `${pages > 1 ? `${pages}个` : ''}HTTPS页面通过HTTP加载了${count}个资源（混合内容）`,
  adNetwork: (host: string, pages: number) => `${pages > 1 ? `${pages}个页面` : '页面'}加载了广告联盟（${host}）的内容，政府网站不得刊登商业广告`,
  floatingAd: (hosts: string[], pages: number) =>
    `${pages > 1 ? `${pages}个页面的` : ''}飘浮窗口指向商业网站（${hosts.slice(0, 3).join('、') || '含“广告”字样'}），疑似商业广告`,
  caFileUnreadable: (detail: string) => `证书检查所需的根证书文件无法读取，未检查HTTPS证书\n管理中心：检查配置 security.caFile（${detail}）`,
  tlsNotProbed: (reason: string) => `HTTPS未能检测：${reason}`,
};

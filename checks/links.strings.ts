// User-facing strings of the links check (zh-CN), keyed.

/** `5242880` → `5 MB`. */
function size(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Math.round(mb * 10) / 10} MB` : `${Math.round(bytes / 102.4) / 10} KB`;
}

export const strings = {
  noLinks: '首页未读出任何链接（首页无法访问或没有链接），无法检查',
  someNotChecked: (n: number) => `${n}个链接未检查（robots 禁止、不抓取的地址或协议、服务器要求稍后再访问，或超出检查上限）`,
  title: '链接可用性',
  broken: (detail: string) => `链接无法访问（${detail}）`,
  timeout: '链接访问超时',
  redirectLoop: '链接重定向循环或跳转次数过多',
  soft404: '链接返回的页面内容为“页面不存在”（软404）',
  notChecked: (status: number, reason: string) =>
    `未检测：服务器要求稍后再访问（HTTP ${status}${status === 429 ? '，请求过多' : '，暂时不可用'}），${reason}；不计为失效链接，请人工复核`,
  tooLarge: (cap: number) => `页面内容超过${size(cap)}，只读取并检测了前${size(cap)}，其余内容未检测；请精简或拆分该页面`,
  compressionBomb: (cap: number, setting: string) =>
    `${setting === 'attachments.maxBytes' ? '附件' : '页面'}的压缩内容解压后远超${size(cap)}（疑似压缩炸弹），只读取了前${size(cap)}，其余内容未检测；请检查服务器是否被篡改或配置有误`,
  attachmentTooLarge: (cap: number) => `附件超过${size(cap)}，未读取其内容，未检测其中的个人信息；请压缩或拆分该附件`,
  waitAsked: (ms: number) => `要求等待${ms >= 3_600_000 ? `${Math.round(ms / 360_000) / 10}小时` : ms >= 60_000 ? `${Math.round(ms / 6_000) / 10}分钟` : `${Math.round(ms / 1000)}秒`}`,
  overCap: (wait: string) => `${wait || '要求等待的时间'}超过单次等待上限（crawl.maxRetryWaitMs），未等待重试`,
  budgetSpent: (wait: string) => `${wait ? `${wait}，` : ''}本次检测的等待时间预算已用完（crawl.retryWaitBudgetMs），未再重试`,
  retriesSpent: (wait: string) => `${wait ? `${wait}，` : ''}重试次数用完后仍被拒绝`,
  notFetchedAddress: (host: string, via: string | null) =>
    `链接${via ? '重定向到' : '指向'}内网、本机或链路本地地址（${host}），出于安全未访问；公众无法打开此链接，请人工核实`,
  notFetchedScheme: (scheme: string, via: string | null) =>
    `链接${via ? '重定向到' : '使用'} ${scheme}: 协议，只检测 http/https 链接，未访问；公众浏览器通常无法打开，请人工核实`,
  errors: {
    timeout: '访问超时',
    dns: '域名无法解析',
    refused: '连接被拒绝',
    reset: '连接被重置',
    tls: 'TLS/证书错误',
    'redirect-loop': '重定向循环',
    'too-many-redirects': '跳转次数过多',
    'too-large': '内容过大',
    'unsupported-scheme': '不支持的协议',
    'blocked-address': '指向内网或本机地址，未访问',
    robots: '网站的 robots 协议禁止访问',
    network: '网络错误',
  } as Record<string, string>,
};

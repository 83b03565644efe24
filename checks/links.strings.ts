// User-facing strings of the links check (zh-CN), keyed.
export const strings = {
  title: '链接可用性',
  broken: (detail: string) => `链接无法访问（${detail}）`,
  timeout: '链接访问超时',
  redirectLoop: '链接重定向循环或跳转次数过多',
  soft404: '链接返回的页面内容为“页面不存在”（软404）',
  rateLimited: '服务器以“请求过多”（HTTP 429）拒绝了检测，未能确认链接是否可用，请人工核实',
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

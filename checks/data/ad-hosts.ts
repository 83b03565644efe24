// Hosts of advertising networks (script, image and frame servers of ad unions), kept as data. A government page that
// loads anything from one of them carries commercial advertising (政府网站发展指引: 不得发布商业广告).
// A host matches itself and its subdomains. Config `security.adHosts` replaces the list, `security.extraAdHosts` adds.
// Analytics hosts (cnzz, hm.baidu.com) are not ad hosts and are left out on purpose.

export const adHosts: string[] = [
  // Google
  'googlesyndication.com', 'doubleclick.net', 'googleadservices.com', 'adservice.google.com',
  // Baidu union (百度联盟)
  'pos.baidu.com', 'cpro.baidu.com', 'cpro.baidustatic.com', 'dup.baidustatic.com', 'cbjs.baidu.com',
  // Alimama / Tanx (阿里妈妈)
  'tanx.com', 'alimama.com', 'mmstat.com',
  // Tencent (广点通)
  'gdt.qq.com', 'gdtimg.com',
  // 360, Sogou, Sina, others
  'lianmeng.360.cn', 'union.sogou.com', 'sinaads.cn', 'adbox.sina.com.cn', 'ads.youku.com', 'adnxs.com', 'criteo.com', 'taboola.com', 'outbrain.com',
];

// The starting config `govaudit init` writes: a district's name and its sites' homepages are all it needs; every
// other field is left to its default and shown, commented, where an operator would look for it. YAML with comments
// (Chinese, for the center's staff), or JSON for those who prefer it; both name the JSON Schema for editors.
import { stringify } from 'yaml';

/** One site as given to `init`: the homepage, and optionally its name and the unit running it. */
export interface StarterSite {
  homepage: string;
  name?: string;
  unit?: string;
}

export interface StarterOptions {
  district: string;
  sites: StarterSite[];
  /** Path of the JSON Schema relative to the written file (or a URL). */
  schema: string;
  format: 'yaml' | 'json';
}

/** A site id from a homepage: its host without `www.` and the `gov.cn`-style ending, dashes for dots. */
export function siteIdFor(homepage: string, taken: Set<string>): string {
  const url = new URL(homepage);
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const labels = host.split('.').filter((l) => l && l !== 'www');
  while (labels.length > 1 && ['gov', 'cn', 'com', 'org', 'net', 'edu'].includes(labels[labels.length - 1])) labels.pop();
  let base = labels.join('-').replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'site';
  if (url.port) base = `${base}-${url.port}`;
  if (!/^[a-z0-9]/.test(base)) base = `s${base}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The sites with every required field filled (defaults for what was not given). */
export function starterSites(district: string, sites: StarterSite[]): { id: string; name: string; unit: string; homepage: string }[] {
  const taken = new Set<string>();
  return sites.map((s) => ({
    id: siteIdFor(s.homepage, taken),
    name: s.name?.trim() || new URL(s.homepage).host,
    unit: s.unit?.trim() || `${district}人民政府办公室`,
    homepage: s.homepage,
  }));
}

const scalar = (v: string) => stringify(v).trimEnd();

/** The config text. */
export function starterConfig(opts: StarterOptions): string {
  const sites = starterSites(opts.district, opts.sites);
  if (opts.format === 'json') {
    return `${JSON.stringify({ $schema: opts.schema, district: opts.district, timezone: 'Asia/Shanghai', store: 'data', sites }, null, 2)}\n`;
  }
  const siteBlocks = sites.map((s, i) => {
    const given = opts.sites[i];
    return [
      `  - id: ${scalar(s.id)}${i === 0 ? '  # 小写字母、数字和连字符，报告文件以此命名' : ''}`,
      `    name: ${scalar(s.name)}${given.name ? '' : '  # 请改为网站名称，如“××区人民政府门户网站”'}`,
      `    unit: ${scalar(s.unit)}${given.unit ? '' : '  # 请改为主办单位全称（通报、单位令牌按此区分单位）'}`,
      `    homepage: ${scalar(s.homepage)}`,
      '    # siteCode: "3505020001"   # 网站标识码（10 位），填写后核对首页上的标识',
      '    # scope: [xxgk.example.gov.cn]   # 同属本网站的其他主机名',
      '    # columns:                    # 要检查更新情况的栏目（kind：news 动态、notice 通知公告、policy 政策文件 等）',
      `    #   - { name: 通知公告, url: ${new URL('tzgg/', s.homepage).href}, kind: notice }`,
    ].join('\n');
  });
  return `# govaudit 区县配置文件（由 govaudit init 生成）。
# 只需核对下面未注释的几项；以 # 开头的是可选设置，取消注释即生效，不写则用默认值。
# 编辑器（VS Code 的 YAML 插件等）会按 $schema 提示每个字段；完整说明见 README 的 Config reference。
# 检查：npx govaudit audit --config 本文件 --out out/
$schema: ${scalar(opts.schema)}

# 区县名称，出现在报告和通报中
district: ${scalar(opts.district)}
# 报告中的时间按此时区显示
timezone: Asia/Shanghai
# 检查结果存放位置：文件夹（SQLite，相对本文件）或 postgres:// 地址
store: data
# 放入爬虫 User-Agent 的联系方式，便于网站管理员联系本中心
# contact: 区政务公开办 0595-00000000
# 每个网站最多检查的页面数（默认 500）
# maxPages: 500

# 要检查的网站，每个一项
sites:
${siteBlocks.join('\n')}

# “我为政府网站找错”平台导出的留言（一个文件或文件列表，相对本文件）；也可用 govaudit import-reports 导入
# errorReports: exports/error-reports.csv
# 依申请公开登记导出文件（一个文件或文件列表）
# disclosureRequests: exports/disclosure-requests.csv

# 定时任务（govaudit serve，按上面的时区）：默认每晚 1:30 检查、每小时探测首页可用性
# schedule:
#   audit: "30 1 * * *"
#   probes: "0 * * * *"
`;
}

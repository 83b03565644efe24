// `govaudit init`: writes a starting district config (commented YAML, or JSON by the file name) for the district and
// homepages given on the command line, naming the JSON Schema for editors; checks that it loads before saying so.
import { access, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { schemaFile } from '../../config/json-schema.ts';
import { loadConfig } from '../../config/load.ts';
import { type StarterSite, starterConfig } from '../../config/starter.ts';
import { UsageError, type Command } from '../command.ts';

const EXAMPLE = 'govaudit init --district 鲤城区 --site http://www.licheng.gov.cn/ --site "http://edu.licheng.gov.cn/,鲤城区教育网,泉州市鲤城区教育局"';

export const initCommand: Command = {
  name: 'init',
  summary: 'write a starting district config (district.yaml) for your district and its sites',
  usage: `govaudit init --district NAME --site URL[,网站名称[,主办单位]] [--site …] [--out district.yaml|district.json] [--force]\n  e.g. ${EXAMPLE}`,
  options: { district: { type: 'string' }, site: { type: 'string', multiple: true }, out: { type: 'string' }, force: { type: 'boolean' } },
  async run(values) {
    const district = (values.district as string | undefined)?.trim();
    if (!district) throw new UsageError(`--district: the district's name is needed (e.g. ${EXAMPLE})`);
    const siteArgs = (values.site as string[] | undefined) ?? [];
    if (siteArgs.length === 0) throw new UsageError(`--site: at least one homepage is needed (e.g. ${EXAMPLE})`);
    const sites: StarterSite[] = siteArgs.map((arg) => {
      const [homepage, name, unit] = arg.split(/[,，]/).map((p) => p.trim());
      let url: URL;
      try {
        url = new URL(homepage);
      } catch {
        throw new UsageError(`--site: "${homepage}" is not a URL such as http://www.licheng.gov.cn/`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--site: "${homepage}" is not an http(s) URL`);
      return { homepage: url.href, ...(name ? { name } : {}), ...(unit ? { unit } : {}) };
    });
    const out = resolve((values.out as string | undefined) ?? 'district.yaml');
    const format = /\.json$/i.test(out) ? 'json' : /\.ya?ml$/i.test(out) ? 'yaml' : null;
    if (!format) throw new UsageError(`--out: "${values.out}" must end in .yaml, .yml or .json`);
    if (!values.force) {
      const exists = await access(out).then(
        () => true,
        () => false,
      );
      if (exists) throw new UsageError(`${relative(process.cwd(), out) || out} already exists; use --force to overwrite it`);
    }
    const schema = relative(dirname(out), schemaFile).split('\\').join('/');
    await writeFile(out, starterConfig({ district, sites, schema, format }));
    const config = await loadConfig(out);
    const shown = relative(process.cwd(), out) || out;
    process.stdout.write(
      `已生成 ${shown}（${config.sites.length} 个网站：${config.sites.map((s) => s.id).join('、')}）。请核对网站名称和主办单位全称，然后执行：\n  npx govaudit audit --config ${shown} --out out/\n`,
    );
    return 0;
  },
};

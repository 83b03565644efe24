// `govaudit token`: issue, list and revoke dashboard access tokens (stored hashed; a token is shown only once).
import { issueToken, listTokens, revokeToken } from '../../dashboard/tokens.ts';
import { commonOptions, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';
import { formatDateTime } from '../../reports/vocabulary.ts';

export const tokenCommand: Command = {
  name: 'token',
  summary: 'issue, list or revoke dashboard tokens (--center, --unit NAME, --list, --revoke ID)',
  usage: 'govaudit token (--center | --unit NAME | --list | --revoke ID) [--label TEXT] [--config FILE] [--data DIR]',
  options: { ...commonOptions, center: { type: 'boolean' }, unit: { type: 'string' }, list: { type: 'boolean' }, revoke: { type: 'string' }, label: { type: 'string' } },
  async run(values) {
    const actions = ['center', 'unit', 'list', 'revoke'].filter((k) => values[k] !== undefined && values[k] !== false);
    if (actions.length !== 1) throw new UsageError('give exactly one of --center, --unit NAME, --list, --revoke ID');
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    try {
      const { config } = loaded;
      const units = [...new Set(config.sites.map((s) => s.unit))];
      const unit = values.unit === undefined ? undefined : unitNamed(values.unit as string, units, config.district);
      const store = await openStoreFor(config, values.data as string | undefined);
      try {
        const out = process.stdout;
        if (values.list) {
          const tokens = await listTokens(store);
          const at = (iso: string) => formatDateTime(iso, config.timezone);
          if (!tokens.length) out.write('尚未签发任何访问令牌\n');
          for (const t of tokens) out.write(`${t.id}  ${t.scope === 'center' ? '管理中心（全部网站）' : `单位：${t.unit}`}${t.label ? `  “${t.label}”` : ''}  签发于 ${at(t.createdAt)}${t.revokedAt ? `  已吊销（${at(t.revokedAt)}）` : ''}\n`);
          return 0;
        }
        if (values.revoke !== undefined) {
          if (!(await revokeToken(store, values.revoke as string))) throw new UsageError(`--revoke: no token with id "${values.revoke}" (see govaudit token --list)`);
          out.write(`已吊销令牌 ${values.revoke}\n`);
          return 0;
        }
        const { token, info } = await issueToken(store, unit !== undefined ? { scope: 'unit', unit } : { scope: 'center' }, { label: values.label as string | undefined });
        out.write(`${token}\n`);
        process.stderr.write(
          `已签发令牌 ${info.id}，${info.scope === 'unit' ? `供${info.unit}使用（只能查看本单位的网站）` : '供网站管理中心使用（可查看全部网站）'}；令牌只显示这一次，请妥善转交。使用方法：首次用 ?token=<令牌> 打开检查平台，或在请求中带上 "Authorization: Bearer <令牌>"\n`,
        );
        return 0;
      } finally {
        await store.close();
      }
    } finally {
      await loaded.stopDemo?.();
    }
  },
};

/**
 * The unit `given` names: its full name, or a part of exactly one unit's name (`鲤城区教育局` for
 * `泉州市鲤城区教育局`), so the name need not be copied character for character from the config.
 */
export function unitNamed(given: string, units: string[], district: string): string {
  const name = given.trim();
  if (units.includes(name)) return name;
  const matches = name ? units.filter((u) => u.includes(name)) : [];
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) throw new UsageError(`--unit: "${name}" matches several units (${matches.join('、')}); write the full name`);
  throw new UsageError(`--unit: "${name}" is not a unit of ${district} (units: ${units.join('、')})`);
}

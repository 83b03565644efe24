// `govaudit token`: issue, list and revoke dashboard access tokens (stored hashed; a token is shown only once).
import { issueToken, listTokens, revokeToken } from '../../dashboard/tokens.ts';
import { commonOptions, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';

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
      const unit = values.unit as string | undefined;
      if (unit !== undefined && !units.includes(unit)) throw new UsageError(`--unit: "${unit}" is not a unit of ${config.district} (units: ${units.join('、')})`);
      const store = await openStoreFor(config, values.data as string | undefined);
      try {
        const out = process.stdout;
        if (values.list) {
          const tokens = await listTokens(store);
          if (!tokens.length) out.write('no tokens issued\n');
          for (const t of tokens) out.write(`${t.id}  ${t.scope === 'center' ? 'center' : `unit ${t.unit}`}${t.label ? `  "${t.label}"` : ''}  issued ${t.createdAt}${t.revokedAt ? `  REVOKED ${t.revokedAt}` : ''}\n`);
          return 0;
        }
        if (values.revoke !== undefined) {
          if (!(await revokeToken(store, values.revoke as string))) throw new UsageError(`--revoke: no token with id "${values.revoke}" (see govaudit token --list)`);
          out.write(`revoked ${values.revoke}\n`);
          return 0;
        }
        const { token, info } = await issueToken(store, unit !== undefined ? { scope: 'unit', unit } : { scope: 'center' }, { label: values.label as string | undefined });
        out.write(`${token}\n`);
        process.stderr.write(`issued token ${info.id} for ${info.scope === 'unit' ? `unit ${info.unit} (its own sites only)` : 'the center (all sites)'}; it is shown only now — open the dashboard with ?token=<token> once, or send "Authorization: Bearer <token>"\n`);
        return 0;
      } finally {
        await store.close();
      }
    } finally {
      await loaded.stopDemo?.();
    }
  },
};

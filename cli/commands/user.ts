// `govaudit user`: dashboard accounts from the command line — above all the first administrator
// (`govaudit user add admin --role admin`); also list, disable, enable and unlock. A password is read from stdin
// (--password-stdin) or generated and shown once; it is never logged.
import { randomBytes } from 'node:crypto';
import { addUser, audit, roles, UserError, type UserRole } from '../../dashboard/users.ts';
import { formatDateTime } from '../../reports/vocabulary.ts';
import { commonOptions, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';

const roleNames: Record<string, string> = { admin: '中心管理员', reviewer: '中心复核员', unit: '单位用户' };

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

export const userCommand: Command = {
  name: 'user',
  summary: 'dashboard accounts: add (the first administrator), list, disable, enable, unlock',
  usage:
    'govaudit user add NAME --role admin|reviewer|unit [--unit UNIT] [--display-name TEXT] [--password-stdin] | user list | user (disable|enable|unlock) NAME   [--config FILE] [--data DIR]',
  options: { ...commonOptions, role: { type: 'string' }, unit: { type: 'string' }, 'display-name': { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  allowPositionals: true,
  async run(values, positionals) {
    const [action, name] = positionals;
    if (!['add', 'list', 'disable', 'enable', 'unlock'].includes(action ?? '')) throw new UsageError('give one of: add NAME, list, disable NAME, enable NAME, unlock NAME');
    if (action !== 'list' && !name) throw new UsageError(`user ${action}: give the user name`);
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    try {
      const { config } = loaded;
      const units = [...new Set(config.sites.map((s) => s.unit))];
      const store = await openStoreFor(config, values.data as string | undefined);
      const out = process.stdout;
      const now = values.now ? new Date(values.now as string) : new Date();
      try {
        if (action === 'list') {
          const users = await store.listUsers();
          if (!users.length) out.write('尚无账号（先用 govaudit user add NAME --role admin 添加管理员）\n');
          for (const u of users) out.write(`${u.username}  ${roleNames[u.role]}${u.unit ? `（${u.unit}）` : ''}  ${u.displayName}  创建于 ${formatDateTime(u.createdAt, config.timezone)}${u.disabledAt ? '  已停用' : ''}\n`);
          return 0;
        }
        if (action === 'add') {
          const role = values.role as string | undefined;
          if (!role || !roles.includes(role as UserRole)) throw new UsageError('--role: give admin, reviewer or unit');
          const unit = values.unit as string | undefined;
          if (role === 'unit' && (!unit || !units.includes(unit))) throw new UsageError(`--unit: a unit user needs one of the district's units (${units.join('、')})`);
          const generated = !values['password-stdin'];
          const password = generated ? randomBytes(12).toString('base64url') : await readStdinLine();
          try {
            await addUser(store, { username: name, displayName: values['display-name'] as string | undefined, role: role as UserRole, unit: unit ?? null, password }, { units, by: 'cli', now });
          } catch (e) {
            if (e instanceof UserError) throw new UsageError(e.message);
            throw e;
          }
          process.stderr.write(`已添加账号 ${name}（${roleNames[role]}${unit ? `，${unit}` : ''}）${generated ? '；初始密码如下，只显示这一次，请登录后在“我的账号”中修改' : ''}\n`);
          if (generated) out.write(`${password}\n`);
          return 0;
        }
        const user = await store.findUser(name);
        if (!user) throw new UsageError(`no user "${name}" (see govaudit user list)`);
        if (action === 'disable') {
          await store.updateUser(user.id, { disabledAt: now.toISOString() });
          await store.deleteSessionsOf(user.id);
        } else await store.updateUser(user.id, { ...(action === 'enable' ? { disabledAt: null } : {}), failedLogins: 0, lockedUntil: null });
        await audit(store, { at: now, actor: 'cli', action: `user.${action}`, target: user.username });
        out.write(`账号 ${name} 已${{ disable: '停用', enable: '启用', unlock: '解锁' }[action]}\n`);
        return 0;
      } finally {
        await store.close();
      }
    } finally {
      await loaded.stopDemo?.();
    }
  },
};

/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// Accounts in the dashboard: an administrator adds center reviewers, administrators and unit users (each bound to its
// unit), disables, re-enables and unlocks them; every user may change their own password. Each change is in the
// audit log.
import type { Hono } from 'hono';
import type { UserRecord } from '../store/types.ts';
import { formatDateTime } from '../reports/html/labels.ts';
import { type AppEnv, type AppOptions, type Ctx, notFound, refuse, show } from './kit.tsx';
import { CsrfField, roleText } from './layout.tsx';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { applyList, choices, ListControls, type ListQuery, type ListSpec, ListTable, listExportRoutes, readList } from './list.tsx';
import { addUser, audit, UserError, type UserRole } from './users.ts';

/** A user as the accounts list shows it: with its state (正常, 已停用, 已锁定至 …) on this request's clock. */
interface UserRow {
  u: UserRecord;
  state: 'active' | 'disabled' | 'locked';
  stateText: string;
}

const stateNames: Record<UserRow['state'], string> = { active: '正常', disabled: '已停用', locked: '已锁定' };

function userRows(users: UserRecord[], now: string, tz: string): UserRow[] {
  return users.map((u) => {
    const locked = Boolean(u.lockedUntil && u.lockedUntil > now);
    const state = u.disabledAt ? 'disabled' : locked ? 'locked' : 'active';
    return { u, state, stateText: state === 'locked' ? `已锁定至 ${formatDateTime(u.lockedUntil!, tz)}` : stateNames[state] };
  });
}

/** The accounts list: filter by role, unit and state; search; sort; the actions column is not exported. */
export function usersSpec(tz: string, csrf: string): ListSpec<UserRow> {
  return {
    title: '账号',
    file: 'users',
    columns: [
      { header: '用户名', text: (r) => r.u.username, width: 16 },
      { header: '姓名', text: (r) => r.u.displayName, width: 12 },
      { header: '角色', text: (r) => roleText[r.u.role] ?? r.u.role, width: 12 },
      { header: '单位', text: (r) => r.u.unit ?? '—', width: 24 },
      { header: '创建', text: (r) => `${formatDateTime(r.u.createdAt, tz)}${r.u.createdBy ? `（${r.u.createdBy}）` : ''}`, width: 24 },
      { header: '状态', text: (r) => r.stateText, width: 22 },
      {
        header: '操作',
        view: (r) => (
          <>
            <form method="post" action={`/users/${encodeURIComponent(r.u.id)}/${r.u.disabledAt ? 'enable' : 'disable'}`} class="act">
              <CsrfField token={csrf} />
              <button type="submit">{r.u.disabledAt ? '启用' : '停用'}</button>
            </form>
            {r.state === 'locked' ? (
              <form method="post" action={`/users/${encodeURIComponent(r.u.id)}/unlock`} class="act">
                <CsrfField token={csrf} />
                <button type="submit">解锁</button>
              </form>
            ) : null}
          </>
        ),
      },
    ],
    filters: [
      { key: 'role', label: '角色', options: () => Object.entries(roleText), match: (r, v) => r.u.role === v },
      { key: 'unit', label: '单位', options: (all) => choices(all.filter((r) => r.u.unit).map((r) => [r.u.unit!, r.u.unit!])), match: (r, v) => r.u.unit === v },
      { key: 'state', label: '状态', options: () => Object.entries(stateNames), match: (r, v) => r.state === v },
    ],
    search: (r) => `${r.u.username} ${r.u.displayName} ${r.u.unit ?? ''}`,
    sorts: [
      { key: 'username', label: '按用户名', compare: (a, b) => (a.u.username < b.u.username ? -1 : a.u.username > b.u.username ? 1 : 0) },
      { key: 'role', label: '按角色', compare: (a, b) => a.u.role.localeCompare(b.u.role) },
      { key: 'unit', label: '按单位', compare: (a, b) => (a.u.unit ?? '').localeCompare(b.u.unit ?? '', 'zh') },
      { key: 'created', label: '按创建时间（最新在前）', compare: (a, b) => b.u.createdAt.localeCompare(a.u.createdAt) },
    ],
    tiebreak: (a, b) => (a.u.username < b.u.username ? -1 : 1),
  };
}

function UsersPage(props: { all: UserRow[]; rows: UserRow[]; query: ListQuery; spec: ListSpec<UserRow>; units: string[]; csrf: string; error?: string }) {
  return (
    <>
      <h1>账号管理</h1>
      {props.error ? <p class="warn">{props.error}</p> : null}
      <ListControls spec={props.spec} all={props.all} shown={props.rows.length} query={props.query} action="/users" exportPath="/users" />
      <ListTable spec={props.spec} rows={props.rows} class="users" rowAttrs={(r) => ({ 'data-user': r.u.username })} />
      <section>
        <h2>添加账号</h2>
        <form method="post" action="/users" class="signin" id="add-user">
          <CsrfField token={props.csrf} />
          <label>
            用户名（字母、数字或 . _ -） <input type="text" name="username" required autocomplete="off" />
          </label>
          <label>
            姓名 <input type="text" name="displayName" autocomplete="off" />
          </label>
          <label>
            角色
            <select name="role">
              <option value="reviewer">中心复核员</option>
              <option value="admin">中心管理员</option>
              <option value="unit">单位用户</option>
            </select>
          </label>
          <label>
            单位（单位用户必选）
            <select name="unit">
              <option value="">—</option>
              {props.units.map((u) => (
                <option value={u}>{u}</option>
              ))}
            </select>
          </label>
          <label>
            初始密码（至少10个字符） <input type="password" name="password" required autocomplete="new-password" />
          </label>
          <button type="submit">添加</button>
        </form>
      </section>
    </>
  );
}

function AccountPage(props: { user: UserRecord; csrf: string; error?: string }) {
  return (
    <>
      <h1>我的账号</h1>
      <p>
        {props.user.displayName}（{props.user.username}，{roleText[props.user.role]}
        {props.user.unit ? `，${props.user.unit}` : ''}）
      </p>
      {props.error ? <p class="warn">{props.error}</p> : null}
      <form method="post" action="/account" class="signin">
        <CsrfField token={props.csrf} />
        <label>
          当前密码 <input type="password" name="current" required autocomplete="current-password" />
        </label>
        <label>
          新密码（至少10个字符） <input type="password" name="password" required autocomplete="new-password" />
        </label>
        <button type="submit">修改密码</button>
      </form>
    </>
  );
}

const field = (body: Record<string, unknown>, k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');

export function accountRoutes(app: Hono<AppEnv>, opts: AppOptions): void {
  const { store, config } = opts;
  const units = () => [...new Set(config.sites.map((s) => s.unit))];
  const rowsOf = async () => userRows(await store.listUsers(), opts.now().toISOString(), config.timezone);
  const usersPage = async (c: Ctx, extra: { error?: string; notice?: string; status?: 200 | 400 } = {}) => {
    const spec = usersSpec(config.timezone, c.get('csrf'));
    const all = await rowsOf();
    const query = c.req.method === 'GET' ? readList(c, spec) : {};
    return show(c, opts, '账号管理', <UsersPage all={all} rows={applyList(spec, all, query)} query={query} spec={spec} units={units()} csrf={c.get('csrf')} error={extra.error} />, extra);
  };
  listExportRoutes(app, '/users', usersSpec(config.timezone, ''), async (c) => refuse(c, ['admin']) ?? rowsOf());

  app.get('/users', async (c) => refuse(c, ['admin']) ?? usersPage(c));
  app.post('/users', async (c) => {
    const denied = refuse(c, ['admin']);
    if (denied) return denied;
    const body = await c.req.parseBody();
    try {
      const user = await addUser(
        store,
        { username: field(body, 'username'), displayName: field(body, 'displayName'), role: field(body, 'role') as UserRole, unit: field(body, 'unit') || null, password: field(body, 'password') },
        { units: units(), by: c.get('user')!.username, now: opts.now() },
      );
      return usersPage(c, { notice: `已添加账号 ${user.username}（${roleText[user.role]}${user.unit ? `，${user.unit}` : ''}）。` });
    } catch (e) {
      if (e instanceof UserError) return usersPage(c, { error: e.message, status: 400 });
      throw e;
    }
  });
  app.post('/users/:id/:action', async (c) => {
    const denied = refuse(c, ['admin']);
    if (denied) return denied;
    const user = await store.getUser(c.req.param('id'));
    const action = c.req.param('action');
    if (!user) return notFound(c);
    const me = c.get('user')!;
    if (action === 'disable' && user.id === me.id) return usersPage(c, { error: '不能停用自己的账号。', status: 400 });
    const now = opts.now();
    if (action === 'disable') {
      await store.updateUser(user.id, { disabledAt: now.toISOString() });
      await store.deleteSessionsOf(user.id);
    } else if (action === 'enable') await store.updateUser(user.id, { disabledAt: null, failedLogins: 0, lockedUntil: null });
    else await store.updateUser(user.id, { failedLogins: 0, lockedUntil: null });
    await audit(store, { at: now, actor: me.username, action: `user.${action}`, target: user.username });
    return usersPage(c, { notice: `账号 ${user.username} 已${{ disable: '停用', enable: '启用', unlock: '解锁' }[action] ?? action}。` });
  });

  app.get('/account', async (c) => refuse(c, ['admin', 'reviewer', 'unit']) ?? show(c, opts, '我的账号', <AccountPage user={c.get('user')!} csrf={c.get('csrf')} />));
  app.post('/account', async (c) => {
    const denied = refuse(c, ['admin', 'reviewer', 'unit']);
    if (denied) return denied;
    const user = c.get('user')!;
    const body = await c.req.parseBody();
    const again = (error: string) => show(c, opts, '我的账号', <AccountPage user={user} csrf={c.get('csrf')} error={error} />, { status: 400 });
    if (!(await verifyPassword(field(body, 'current'), user.passwordHash))) return again('当前密码不正确。');
    const problem = passwordProblem(field(body, 'password'), user.username);
    if (problem) return again(problem);
    await store.updateUser(user.id, { passwordHash: await hashPassword(field(body, 'password')) });
    await audit(store, { at: opts.now(), actor: user.username, action: 'user.password', target: user.username });
    return show(c, opts, '我的账号', <AccountPage user={user} csrf={c.get('csrf')} />, { notice: '密码已修改。' });
  });
}

// Every event kind, raised through the service's wiring from what the store holds, reaches the right channels once
// — over a real SMTP server and loopback robots that check 钉钉 and 飞书 signatures — with the expected Chinese text;
// raising everything again sends nothing new.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { createNotifier } from '../../notify/outbox.ts';
import type { BulletinModel } from '../../reports/bulletin/model.ts';
import { notifyAfterBulletin, notifyAfterProbes, notifyTick } from '../../scheduler/notify.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';
import { PATHS, SECRETS, movableClock, quietLog, testConfig } from './helpers.ts';
import { startSmtpReceiver, startWebhookReceiver, type SmtpReceiver, type WebhookReceiver } from './receivers.ts';

const channelOfPath: Record<string, string> = { [PATHS.wecom]: 'center-wecom', [PATHS.json]: 'gateway', [PATHS.dingtalk]: 'office-dingtalk', [PATHS.feishu]: 'edu-feishu' };

/** `channel | title` of everything delivered, sorted. */
function delivered(hooks: WebhookReceiver, smtp: SmtpReceiver): string[] {
  const titles = hooks.received.map((r) => {
    const title =
      r.robot === 'wecom' ? /^\*\*(.*)\*\*/.exec(r.text)![1] : r.robot === 'dingtalk' ? String((r.body.markdown as { title: string }).title) : r.robot === 'feishu' ? /^【(.*)】/.exec(r.text)![1] : String(r.body.title);
    return `${channelOfPath[r.path]} | ${title.replace(/\\/g, '')}`;
  });
  return [...titles, ...smtp.mails.map((m) => `center-mail | ${m.subject.replace(/^【紧急】/, '')}`)].sort();
}

const scorecard = {
  schemaVersion: 1,
  runId: 'r1',
  siteId: 'portal',
  siteName: '区政府门户网站',
  unit: '区政府办',
  homepage: 'http://portal.example/',
  auditedAt: '2026-12-07T01:30:00+08:00',
  score: 100,
  verdict: '合格',
  vetoes: [],
  indicators: [],
  checks: [{ id: 'security', title: '安全', status: 'failed', findings: 1 }],
  metrics: {
    'error-reports': {
      followUp: [
        { recordId: 'JC-001', start: '2026-12-01T09:00:00+08:00', deadline: '2026-12-03T23:59:59.999+08:00', state: 'overdue' },
        { recordId: 'JC-007', start: '2026-12-03T10:00:00+08:00', deadline: '2026-12-07T23:59:59.999+08:00', state: 'due-today' },
      ],
    },
    'disclosure-requests': { followUp: [{ recordId: 'YSQ-12', start: '2026-11-16T10:00:00+08:00', deadline: '2026-12-08T23:59:59.999+08:00', state: 'due-next-workday' }] },
  },
  warnings: [],
  fixed: [],
  findings: [
    {
      check: 'security',
      code: 'security.tampered-title',
      severity: 'veto',
      review: true,
      siteId: 'portal',
      url: 'http://portal.example/',
      message: '首页标题疑似被篡改（含博彩内容），联系人电话 13812345678',
      evidence: {},
      identity: '0123456789abcdef',
      firstSeen: '2026-12-07T01:40:00+08:00',
      state: 'new',
      indicators: [],
    },
  ],
};

const bulletinModel = {
  month: { id: '2026-11' },
  pending: [],
  title: '测试区政府网站2026年11月检查情况通报',
  overview: { sitesConfigured: 2, sitesChecked: 2, passed: 1, failed: 1, passRate: 50, averageScore: 80.5, vetoed: 1, findings: 9 },
  units: [
    { unit: '区政府办', rank: 1, averageScore: 91, findings: 3, cards: [{ siteName: '区政府门户网站', score: 91, verdict: '合格' }] },
    { unit: '区教育局', rank: 2, averageScore: 70, findings: 6, cards: [{ siteName: '区教育局网站', score: 70, verdict: '不合格' }] },
  ],
} as unknown as BulletinModel;

describe('notification events', () => {
  let hooks: WebhookReceiver;
  let smtp: SmtpReceiver;
  let store: Store;
  const clock = movableClock('2026-12-07T08:40:00+08:00');
  beforeAll(async () => {
    hooks = await startWebhookReceiver({ [PATHS.dingtalk]: SECRETS.dingtalk, [PATHS.feishu]: SECRETS.feishu }, clock.now);
    smtp = await startSmtpReceiver('govaudit', 'smtp-pass');
    store = openSqliteStore(':memory:');
  });
  afterAll(async () => {
    await store?.close();
    await hooks?.close();
    await smtp?.close();
  });

  it('sends each kind once, to the center and the unit it concerns, with the expected text', async () => {
    const { config, env } = testConfig({ webhookBase: hooks.base, smtpPort: smtp.port });
    await store.createRun({ id: 'r0', kind: 'audit', asOf: '2026-12-06T01:30:00+08:00', startedAt: '2026-12-06T01:30:00+08:00', siteIds: ['portal', 'edu'], state: 'failed' });
    await store.updateRun('r0', { error: 'store unreachable', finishedAt: '2026-12-06T01:31:00+08:00' });
    await store.createRun({ id: 'r1', kind: 'audit', asOf: '2026-12-07T01:30:00+08:00', startedAt: '2026-12-07T01:30:00+08:00', siteIds: ['portal', 'edu'], state: 'done' });
    await store.finishSiteRun({ runId: 'r1', siteId: 'portal', state: 'done', finishedAt: '2026-12-07T02:00:00+08:00', score: 100, verdict: '合格', scorecard, error: null });
    await store.finishSiteRun({ runId: 'r1', siteId: 'edu', state: 'failed', finishedAt: '2026-12-07T02:00:00+08:00', score: null, verdict: null, scorecard: null, error: 'gatherer crashed' });
    await store.saveProbes(
      ['08:00', '08:10', '08:20'].flatMap((t) => [
        { siteId: 'edu', at: new Date(`2026-12-07T${t}:00+08:00`).toISOString(), url: 'http://edu.example/', ok: false, status: null, error: 'timeout', timeMs: 15_000 },
        { siteId: 'portal', at: new Date(`2026-12-07T${t}:00+08:00`).toISOString(), url: 'http://portal.example/', ok: true, status: 200, error: null, timeMs: 80 },
      ]),
    );

    const run = async (cfg: DistrictConfig) => {
      const notifier = createNotifier({ config: cfg, store, env, clock: clock.now });
      const w = { config: cfg, store, notifier, log: quietLog(), clock: clock.now };
      try {
        await notifyTick(w);
        await notifyAfterProbes(w);
        await notifyAfterBulletin(w, bulletinModel, false);
      } finally {
        await notifier.close();
      }
    };
    await run(config);
    // the outage ends
    clock.set('2026-12-07T08:50:00+08:00');
    await store.saveProbes([{ siteId: 'edu', at: clock.now().toISOString(), url: 'http://edu.example/', ok: true, status: 200, error: null, timeMs: 90 }]);
    await run(config);
    // a reviewer confirms the veto: now the unit is told too
    const confirmed = parseConfig({ ...configInput(config), confirmations: [{ identity: '0123456789abcdef', by: '审核员' }] }, '/tmp/govaudit-notify-test/district.json');
    await run(confirmed);

    const center = (title: string) => ['center-mail', 'center-wecom', 'gateway'].map((c) => `${c} | ${title}`);
    const expected = [
      ...center('工作日历需要更新（缺 2027 年节假日安排）'),
      'office-dingtalk | 区政府办 待答复记录提醒（12月7日）',
      ...center('夜间检查失败'),
      ...center('网站检查未完成：区教育局网站'),
      ...center('单项否决风险：区政府门户网站（区政府办）'),
      ...center('网站首页无法访问：区教育局网站'),
      'edu-feishu | 网站首页无法访问：区教育局网站',
      ...center('网站首页已恢复访问：区教育局网站'),
      'edu-feishu | 网站首页已恢复访问：区教育局网站',
      ...center('2026年11月网站检查通报已生成'),
      'office-dingtalk | 2026年11月网站检查通报已生成：区政府办',
      'edu-feishu | 2026年11月网站检查通报已生成：区教育局',
      'office-dingtalk | 请立即整改：区政府门户网站 存在单项否决问题',
    ].sort();
    expect(delivered(hooks, smtp)).toEqual(expected);
    expect(hooks.refused).toEqual([]);

    // the JSON gateway carries the lines as written: the whole text of each center message
    const lines = Object.fromEntries(hooks.received.filter((r) => r.robot === 'json').map((r) => [r.body.title, r.body.lines]));
    expect(lines).toEqual({
      '工作日历需要更新（缺 2027 年节假日安排）': [
        '工作日历尚未包含 2027 年的法定节假日安排：25 天后（2027-01-01）起的答复期限无法按工作日计算。请在国务院办公厅发布 2027 年部分节假日安排的通知后，将放假日期和调休上班日期加入配置 calendar.holidays / calendar.workdays（或升级程序）。',
      ],
      夜间检查失败: ['检查批次 r0（检查时点 12月6日 01:30）失败。', '原因：store unreachable', '请查看服务日志；中断的检查在服务下次启动时续检。'],
      '网站检查未完成：区教育局网站': ['检查批次 r1（检查时点 12月7日 01:30）中该网站的检查未能完成：gatherer crashed。', '本次结果不完整，请排查后重新检查。'],
      '单项否决风险：区政府门户网站（区政府办）': [
        '问题：首页标题疑似被篡改（含博彩内容），联系人电话 138****5678',
        '指标：严重表述错误、安全泄密（单项否决）',
        '页面：http://portal.example/',
        '首次发现：12月7日 01:40',
        '状态：待复核，确认后该网站即判为不合格；确认后将通知责任单位。',
      ],
      '网站首页无法访问：区教育局网站': ['自 12月7日 08:00 起连续 3 次监测失败（最近一次：超时无响应）。', '首页：http://edu.example/', '请尽快排查服务器和网络，恢复后将另行通知。'],
      '网站首页已恢复访问：区教育局网站': ['12月7日 08:50 监测恢复正常；此前自 12月7日 08:00 起无法访问，约 50 分钟。', '首页：http://edu.example/'],
      '2026年11月网站检查通报已生成': ['测试区政府网站2026年11月检查情况通报', '检查网站 2 个，合格 1 个，不合格 1 个，合格率 50%，平均得分 80.5。'],
    });
    const links = Object.fromEntries(hooks.received.filter((r) => r.robot === 'json').map((r) => [r.body.title, r.body.link]));
    expect(links['单项否决风险：区政府门户网站（区政府办）']).toBe('https://audit.example.gov.cn/sites/portal/runs/r1');

    // the unit's digest over 钉钉 (markdown), and its confirmed veto
    const dd = hooks.received.filter((r) => r.robot === 'dingtalk').map((r) => r.text);
    expect(dd[0]).toBe(
      [
        '#### 区政府办 待答复记录提醒（12月7日）',
        '已逾期 1 件：\n> 区政府门户网站 纠错留言 JC-001，答复期限 12月3日 已过，尚未答复',
        '今天到期 1 件：\n> 区政府门户网站 纠错留言 JC-007，须于 12月7日24时前答复',
        '下一个工作日到期 1 件：\n> 区政府门户网站 依申请公开 YSQ-12，须于 12月8日24时前答复',
        '（按 12月7日 01:30 的检查结果）',
        `[查看详情](https://audit.example.gov.cn/units/${encodeURIComponent('区政府办')})`,
      ].join('\n\n'),
    );
    // 飞书 gets plain text
    expect(hooks.received.find((r) => r.robot === 'feishu')!.text).toBe(
      '【网站首页无法访问：区教育局网站】\n自 12月7日 08:00 起连续 3 次监测失败（最近一次：超时无响应）。\n首页：http://edu.example/\n请尽快排查服务器和网络，恢复后将另行通知。\n详情：https://audit.example.gov.cn/sites/edu',
    );
    // email: urgent ones are marked, the body is the lines and the link
    const mail = smtp.mails.find((m) => m.subject.includes('网站首页无法访问'))!;
    expect([mail.from, mail.to, mail.subject]).toEqual(['govaudit@example.gov.cn', ['center@example.gov.cn'], '【紧急】网站首页无法访问：区教育局网站']);
    expect(mail.text).toBe(
      '自 12月7日 08:00 起连续 3 次监测失败（最近一次：超时无响应）。\n首页：http://edu.example/\n请尽快排查服务器和网络，恢复后将另行通知。\n\n详情：https://audit.example.gov.cn/sites/edu\n\n——本邮件由政府网站检查系统 govaudit 自动发送，请勿直接回复。\n',
    );
    // nothing carries a secret
    const everything = JSON.stringify([hooks.received.map((r) => r.body), smtp.mails]);
    for (const secret of ['smtp-pass', 'wecom-key-1', 'dd-token-1', SECRETS.dingtalk, SECRETS.feishu, '13812345678']) expect(everything).not.toContain(secret);

    // raising everything again (a restarted service, a second tick) sends nothing new
    const before = delivered(hooks, smtp).length;
    await run(confirmed);
    expect(delivered(hooks, smtp).length).toBe(before);
  });
});

/** The input object of a parsed config (for a variant). */
function configInput(config: DistrictConfig): Record<string, unknown> {
  return {
    district: config.district,
    sites: config.sites.map((s) => ({ id: s.id, name: s.name, unit: s.unit, homepage: s.homepage })),
    notify: config.notify,
  };
}

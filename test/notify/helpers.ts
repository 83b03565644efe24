// Shared set-up of the notification tests: a two-unit district whose center has email, a 企业微信 robot and a JSON
// gateway, whose units have a signed 钉钉 robot and a signed 飞书 robot, all pointing at the loopback receivers.
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { createLogger } from '../../scheduler/log.ts';

export const SECRETS = { dingtalk: 'SECa1b2c3d4e5f6', feishu: 'fs-secret-9z' };
export const PATHS = { wecom: '/wecom/cgi-bin/webhook/send', dingtalk: '/dingtalk/robot/send', feishu: '/feishu/open-apis/bot/v2/hook/abc', json: '/json/in' };

export function testConfig(opts: { webhookBase: string; smtpPort: number; extra?: Record<string, unknown>; notify?: Record<string, unknown> }): { config: DistrictConfig; env: NodeJS.ProcessEnv } {
  const config = parseConfig(
    {
      district: '测试区',
      sites: [
        { id: 'portal', name: '区政府门户网站', unit: '区政府办', homepage: 'http://portal.example/' },
        { id: 'edu', name: '区教育局网站', unit: '区教育局', homepage: 'http://edu.example/' },
      ],
      ...opts.extra,
      notify: {
        publicUrl: 'https://audit.example.gov.cn',
        channels: {
          'center-mail': { type: 'email', host: '127.0.0.1', port: opts.smtpPort, secure: false, user: 'govaudit', password: 'SMTP_PASSWORD', from: 'govaudit@example.gov.cn', to: ['center@example.gov.cn'] },
          'center-wecom': { type: 'wecom', url: 'WECOM_CENTER' },
          gateway: { type: 'json', url: 'JSON_GATEWAY' },
          'office-dingtalk': { type: 'dingtalk', url: 'DINGTALK_OFFICE', secret: 'DINGTALK_OFFICE_SECRET' },
          'edu-feishu': { type: 'feishu', url: 'FEISHU_EDU', secret: 'FEISHU_EDU_SECRET' },
        },
        center: ['center-mail', 'center-wecom', 'gateway'],
        units: { 区政府办: ['office-dingtalk'], 区教育局: ['edu-feishu'] },
        quietHours: null,
        ...opts.notify,
      },
    },
    '/tmp/govaudit-notify-test/district.json',
  );
  const env = {
    SMTP_PASSWORD: 'smtp-pass',
    WECOM_CENTER: `${opts.webhookBase}${PATHS.wecom}?key=wecom-key-1`,
    JSON_GATEWAY: `${opts.webhookBase}${PATHS.json}`,
    DINGTALK_OFFICE: `${opts.webhookBase}${PATHS.dingtalk}?access_token=dd-token-1`,
    DINGTALK_OFFICE_SECRET: SECRETS.dingtalk,
    FEISHU_EDU: `${opts.webhookBase}${PATHS.feishu}`,
    FEISHU_EDU_SECRET: SECRETS.feishu,
  };
  return { config, env };
}

export const quietLog = () => createLogger({ level: 'silent' });

/** A clock that can be moved. */
export function movableClock(start: string): { now: () => Date; set(iso: string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), set: (iso) => void (t = new Date(iso).getTime()), advance: (ms) => void (t += ms) };
}

// Config `notify` (docs/notify.md): the channels that reach people — email over SMTP, the group robots of 企业微信,
// 钉钉 and 飞书, and plain JSON webhooks — who gets what (the center, each unit), and how delivery behaves (daily
// digest time, homepage-down threshold, quiet hours, retries). Secrets (SMTP password, webhook URLs with their
// keys, signing secrets) are never in this file: a field that needs one names it, and notify/secrets.ts reads it
// from the environment or the secrets file when the notifier starts.
import { z } from 'zod';

/** The name of a secret: an environment variable, or a key of the secrets file. Never the secret itself. */
export const secretName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'the NAME of a secret (an environment variable or a key of notify.secretsFile), not the secret itself');

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM (24-hour)');

const email = z.email({ error: 'an email address' });

/** Messages a channel may send per minute at most (and per second, for robots that limit that too). */
const rate = (perMinute: number) => z.number().int().min(1).max(10_000).default(perMinute);

export const emailChannelSchema = z.strictObject({
  type: z.literal('email'),
  /** SMTP server. */
  host: z.string().min(1).regex(/^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/, 'a host name or IP address'),
  /** 465 (TLS from the start) or 587/25 (STARTTLS when offered). */
  port: z.number().int().min(1).max(65_535).default(465),
  /** TLS from the start; default true on port 465. */
  secure: z.boolean().optional(),
  /** Login name (often the sender address); leave out for a relay that needs none. */
  user: z.string().min(1).optional(),
  /** Secret name of the SMTP password (or 授权码). */
  password: secretName.optional(),
  from: email,
  to: z.array(email).min(1),
  perMinute: rate(30),
});

/** 企业微信群机器人: `url` names the secret holding the webhook address (its `key=` is the credential). */
export const wecomChannelSchema = z.strictObject({
  type: z.literal('wecom'),
  url: secretName,
  /** 企业微信 allows 20 messages a minute per robot. */
  perMinute: rate(20),
});

/** 钉钉自定义机器人: `url` names the secret holding the webhook (its access_token); `secret` the 加签 secret when set. */
export const dingtalkChannelSchema = z.strictObject({
  type: z.literal('dingtalk'),
  url: secretName,
  secret: secretName.optional(),
  /** 钉钉 allows 20 messages a minute per robot. */
  perMinute: rate(20),
});

/** 飞书自定义机器人: `url` names the secret holding the webhook; `secret` the 签名校验 secret when set. */
export const feishuChannelSchema = z.strictObject({
  type: z.literal('feishu'),
  url: secretName,
  secret: secretName.optional(),
  /** 飞书 allows 100 messages a minute and 5 a second per robot. */
  perMinute: rate(100),
  perSecond: z.number().int().min(1).max(100).default(5),
});

/** A plain JSON POST (an intranet gateway, a ticket system): `{ kind, title, text, link, urgent, key }`. */
export const jsonChannelSchema = z.strictObject({
  type: z.literal('json'),
  url: secretName,
  perMinute: rate(60),
});

export const channelSchema = z.discriminatedUnion('type', [emailChannelSchema, wecomChannelSchema, dingtalkChannelSchema, feishuChannelSchema, jsonChannelSchema], {
  error: 'a channel with type email, wecom, dingtalk, feishu or json',
});

const channelName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, dot, dash or underscore');

export const notifyConfigSchema = z
  .strictObject({
    /** The dashboard's public address (`https://…`): messages link to the site's page there. Without it they carry no link. */
    publicUrl: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
    /** A JSON or YAML file of secrets (`NAME: value`), relative to the config file; the environment wins over it. */
    secretsFile: z.string().min(1).optional(),
    /** Channels by name. */
    channels: z.record(channelName, channelSchema).default({}),
    /** Channel names that reach the center (every event). */
    center: z.array(channelName).default([]),
    /** Channel names that reach each unit (the `unit` of its sites): its digest, confirmed vetoes, outages, its bulletin part. */
    units: z.record(z.string().min(1), z.array(channelName)).default({}),
    /** Local time of the morning digest of records due (sent within three hours of it, once a day). */
    digestAt: clockTime.default('08:30'),
    /** Consecutive failed homepage probes before an outage is announced (and again when it answers). */
    downAfterProbes: z.number().int().min(1).max(100).default(3),
    /** Non-urgent messages wait out these local hours; vetoes, outages and failed audits do not. `null`: no quiet hours. */
    quietHours: z.strictObject({ from: clockTime, to: clockTime }).nullable().default({ from: '22:00', to: '07:30' }),
    /** Attempts per message before it is given up (shown in `govaudit status`), and the backoff between them. */
    retry: z
      .strictObject({
        attempts: z.number().int().min(1).max(50).default(8),
        firstDelaySeconds: z.number().int().min(1).max(86_400).default(60),
        maxDelaySeconds: z.number().int().min(1).max(86_400).default(3_600),
      })
      .prefault({}),
    /** Days ahead the official holiday calendar must cover; the center is warned daily until it does. */
    calendarHorizonDays: z.number().int().min(1).max(366).default(45),
    /** One request's time limit, ms. */
    timeoutMs: z.number().int().min(1_000).max(120_000).default(15_000),
  })
  .superRefine((n, ctx) => {
    const known = new Set(Object.keys(n.channels));
    const check = (name: string, path: (string | number)[]) => {
      if (!known.has(name)) ctx.addIssue({ code: 'custom', path, message: `no channel "${name}" in notify.channels (known: ${[...known].join(', ') || 'none'})` });
    };
    for (const [i, name] of n.center.entries()) check(name, ['center', i]);
    for (const [unit, names] of Object.entries(n.units)) for (const [i, name] of names.entries()) check(name, ['units', unit, i]);
  });

export type NotifyConfig = z.output<typeof notifyConfigSchema>;
export type ChannelConfig = z.output<typeof channelSchema>;
export type ChannelType = ChannelConfig['type'];

/** Issues of `notify.units` naming a unit no site belongs to (a misspelt unit would never be told anything). */
export function notifyUnitIssues(n: NotifyConfig, sites: readonly { unit: string }[]): { path: (string | number)[]; message: string }[] {
  const units = new Set(sites.map((s) => s.unit));
  return Object.keys(n.units)
    .filter((u) => !units.has(u))
    .map((u) => ({ path: ['notify', 'units', u], message: `no site has unit "${u}" (units: ${[...units].join('、')})` }));
}

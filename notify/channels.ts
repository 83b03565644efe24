// Sending one message over one channel: the request each robot expects (企业微信 markdown, 钉钉 markdown with its
// signed URL, 飞书 text with its signed body, plain JSON) or a plain-text email over SMTP. A send either resolves
// (the receiver accepted it) or throws a DeliveryError whose text is safe to store and show: never the webhook
// address, its key or a password.
import nodemailer from 'nodemailer';
import type { NotificationMessage } from '../store/types.ts';
import { dingtalkSignedUrl, feishuSign } from './sign.ts';
import type { ResolvedChannel } from './secrets.ts';

/** What is sent: the stored message plus what a JSON receiver may route on. */
export interface Outgoing {
  kind: string;
  key: string;
  urgent: boolean;
  message: NotificationMessage;
}

/**
 * A send that did not go through; `message` is safe to store (no URL, no secret). `retry` is false when the
 * receiver may have the message already (no answer in time): sending again could deliver it twice.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retry = true,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface Sender {
  send(o: Outgoing): Promise<void>;
  close(): Promise<void>;
}

export interface SenderOptions {
  timeoutMs: number;
  /** The clock of the signatures (tests pin it). */
  clock?: () => Date;
}

/** Robots cap a message's size (企业微信 markdown: 4096 bytes; 钉钉 and 飞书 more): long lists are cut with a count. */
const MAX_BYTES = 3_800;

/** The message as plain text: title, lines, link. */
export function plainText(m: NotificationMessage): string {
  return fitLines([`【${m.title}】`, ...m.lines], m.link ? [`详情：${m.link}`] : []).join('\n');
}

/** 企业微信 / 钉钉 markdown: a bold title, the lines, a link. */
export function markdownText(m: NotificationMessage, heading: 'bold' | 'h4'): string {
  const title = heading === 'bold' ? `**${escapeMd(m.title)}**` : `#### ${escapeMd(m.title)}`;
  const lines = m.lines.map((l) => (l.startsWith('  ') ? `> ${escapeMd(l.trim())}` : escapeMd(l)));
  return fitLines([title, ...lines], m.link ? [`[查看详情](${m.link})`] : []).join('\n\n').replace(/\n\n> /g, '\n> ');
}

/** Keeps the head and the tail within MAX_BYTES, replacing dropped lines by a count. */
function fitLines(head: string[], tail: string[]): string[] {
  const size = (ls: string[]) => Buffer.byteLength(ls.join('\n'), 'utf8');
  if (size([...head, ...tail]) <= MAX_BYTES) return [...head, ...tail];
  const kept = [...head];
  let dropped = 0;
  while (kept.length > 1 && size([...kept, `……另有 ${dropped + 1} 行，请查看详情`, ...tail]) > MAX_BYTES) {
    kept.pop();
    dropped++;
  }
  return [...kept, `……另有 ${dropped} 行，请查看详情`, ...tail];
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]])/g, '\\$1');
}

/** The request body each robot expects. */
export function webhookBody(channel: ResolvedChannel, o: Outgoing, now: Date): unknown {
  const m = o.message;
  switch (channel.type) {
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: markdownText(m, 'bold') } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: m.title, text: markdownText(m, 'h4') } };
    case 'feishu': {
      const body: Record<string, unknown> = { msg_type: 'text', content: { text: plainText(m) } };
      if (channel.secret) {
        const ts = Math.floor(now.getTime() / 1000);
        body.timestamp = String(ts);
        body.sign = feishuSign(channel.secret, ts);
      }
      return body;
    }
    case 'json':
      return { kind: o.kind, key: o.key, urgent: o.urgent, title: m.title, lines: m.lines, text: plainText(m), ...(m.link ? { link: m.link } : {}) };
    default:
      throw new Error(`not a webhook channel: ${channel.type}`);
  }
}

/** A sender for a resolved channel. */
export function createSender(channel: ResolvedChannel, opts: SenderOptions): Sender {
  return channel.type === 'email' ? emailSender(channel, opts) : webhookSender(channel, opts);
}

function webhookSender(channel: Exclude<ResolvedChannel, { type: 'email' }>, opts: SenderOptions): Sender {
  const clock = opts.clock ?? (() => new Date());
  return {
    async send(o) {
      const now = clock();
      const url = channel.type === 'dingtalk' && channel.secret ? dingtalkSignedUrl(channel.url, channel.secret, now.getTime()) : channel.url;
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(webhookBody(channel, o, now)),
          redirect: 'error',
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (e) {
        const reason = networkReason(e);
        if (reason === 'timed out') throw new DeliveryError(`no answer from the ${channel.type} webhook in ${opts.timeoutMs} ms: it may have the message, so it is not sent again`, false);
        throw new DeliveryError(`could not reach the ${channel.type} webhook: ${reason}`);
      }
      const text = await res.text().catch(() => '');
      if (!res.ok) throw new DeliveryError(`the ${channel.type} webhook answered HTTP ${res.status}${text ? `: ${clip(text)}` : ''}`);
      if (channel.type === 'json') return;
      // the robots answer 200 with an error code in the body
      let body: Record<string, unknown> | null = null;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new DeliveryError(`the ${channel.type} webhook answered something other than JSON: ${clip(text)}`);
      }
      const code = channel.type === 'feishu' ? (body?.code ?? body?.StatusCode) : body?.errcode;
      if (code !== 0) {
        const msg = channel.type === 'feishu' ? (body?.msg ?? body?.StatusMessage) : body?.errmsg;
        throw new DeliveryError(`the ${channel.type} robot refused the message: code ${String(code)}${msg ? ` (${clip(String(msg))})` : ''}`);
      }
    },
    async close() {},
  };
}

function emailSender(channel: Extract<ResolvedChannel, { type: 'email' }>, opts: SenderOptions): Sender {
  const c = channel.config;
  const transport = nodemailer.createTransport({
    host: c.host,
    port: c.port,
    secure: c.secure ?? c.port === 465,
    ...(c.user ? { auth: { user: c.user, pass: channel.password ?? '' } } : {}),
    connectionTimeout: opts.timeoutMs,
    greetingTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs,
  });
  return {
    async send(o) {
      try {
        await transport.sendMail({
          from: c.from,
          to: c.to,
          subject: `${o.urgent ? '【紧急】' : ''}${o.message.title}`,
          text: `${o.message.lines.join('\n')}${o.message.link ? `\n\n详情：${o.message.link}` : ''}\n\n——本邮件由政府网站检查系统 govaudit 自动发送，请勿直接回复。\n`,
          textEncoding: 'base64',
          headers: { 'X-Govaudit-Key': o.key },
        });
      } catch (e) {
        const err = e as { code?: string; responseCode?: number; response?: string; message?: string };
        throw new DeliveryError(`the SMTP server did not take the mail: ${err.code ?? 'error'}${err.responseCode ? ` ${err.responseCode}` : ''}${err.response ? ` ${clip(err.response)}` : err.message ? ` ${clip(err.message)}` : ''}`);
      }
    },
    async close() {
      transport.close();
    },
  };
}

/** Why a fetch failed, without its URL. */
function networkReason(e: unknown): string {
  const err = e as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timed out';
  return err.cause?.code ?? err.cause?.message?.replace(/https?:\/\/\S+/g, '<url>') ?? err.message?.replace(/https?:\/\/\S+/g, '<url>') ?? 'network error';
}

function clip(s: string, n = 200): string {
  const one = s.replace(/\s+/g, ' ').replace(/https?:\/\/\S+/g, '<url>').trim();
  return one.length > n ? `${one.slice(0, n)}…` : one;
}

// Test receivers on loopback: a webhook server speaking like the 企业微信, 钉钉 and 飞书 robots (and a plain JSON
// endpoint), which checks 钉钉 and 飞书 signatures by their documented algorithms written out here independently,
// and a real SMTP server (smtp-server) that keeps each mail.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  robot: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  /** The message text as a person reads it (markdown content or text). */
  text: string;
}

export interface WebhookReceiver {
  base: string;
  /** Accepted messages, in order. */
  received: Received[];
  /** Requests answered with a failure, in order (their paths). */
  refused: string[];
  /** The next `n` requests to `path` fail with HTTP 500. */
  failNext(path: string, n: number): void;
  /** Requests to `path` get no answer (until close). */
  hang(path: string): void;
  /** Resolves when a request to `path` arrives. */
  arrival(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Robot secrets the receiver checks signatures with, by path (`/dingtalk/…`, `/feishu/…`). */
export async function startWebhookReceiver(secrets: Record<string, string> = {}, clock: () => Date = () => new Date()): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const refused: string[] = [];
  const failures = new Map<string, number>();
  const hanging = new Set<string>();
  const waiters = new Map<string, (() => void)[]>();
  const open = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const raw = await readBody(req);
    for (const w of waiters.get(path) ?? []) w();
    waiters.delete(path);
    if (hanging.has(path)) return void open.add(res);
    const left = failures.get(path) ?? 0;
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (left > 0) {
      failures.set(path, left - 1);
      refused.push(path);
      return answer(500, { error: 'planned failure' });
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      refused.push(path);
      return answer(400, { error: 'not JSON' });
    }
    const robot = path.split('/')[1];
    const query = Object.fromEntries(url.searchParams);
    if (robot === 'dingtalk' && secrets[path] !== undefined) {
      // 钉钉: timestamp (ms) within an hour, sign = base64(HmacSHA256(secret, timestamp + "\n" + secret)), URL-encoded
      const ts = Number(query.timestamp);
      const expected = createHmac('sha256', secrets[path]).update(`${query.timestamp}\n${secrets[path]}`).digest('base64');
      if (!query.sign || query.sign !== expected || Math.abs(clock().getTime() - ts) > 3_600_000) {
        refused.push(path);
        return answer(200, { errcode: 310000, errmsg: 'sign not match' });
      }
    }
    if (robot === 'feishu' && secrets[path] !== undefined) {
      // 飞书: timestamp (s) within an hour, sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = ""))
      const ts = Number(body.timestamp);
      const expected = createHmac('sha256', `${body.timestamp}\n${secrets[path]}`).update(Buffer.alloc(0)).digest('base64');
      if (body.sign !== expected || Math.abs(clock().getTime() / 1000 - ts) > 3_600) {
        refused.push(path);
        return answer(200, { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' });
      }
    }
    const text =
      robot === 'wecom' || robot === 'dingtalk'
        ? String((body.markdown as { content?: string; text?: string }).content ?? (body.markdown as { text: string }).text)
        : robot === 'feishu'
          ? String((body.content as { text: string }).text)
          : String(body.text);
    received.push({ robot, path, query, body, text });
    if (robot === 'feishu') return answer(200, { code: 0, msg: 'success', data: {} });
    if (robot === 'json') return answer(204, {});
    return answer(200, { errcode: 0, errmsg: 'ok' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    received,
    refused,
    failNext: (path, n) => void failures.set(path, n),
    hang: (path) => void hanging.add(path),
    arrival: (path) => new Promise<void>((r) => waiters.set(path, [...(waiters.get(path) ?? []), r])),
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface Mail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
}

export interface SmtpReceiver {
  port: number;
  mails: Mail[];
  close(): Promise<void>;
}

/** A real SMTP server on loopback (no TLS offered) that needs `user` / `password` and keeps every mail. */
export async function startSmtpReceiver(user: string, password: string): Promise<SmtpReceiver> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === password) return cb(null, { user });
      return cb(new Error('invalid login'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ ...parseMail(Buffer.concat(chunks).toString('utf8')), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Headers (unfolded, encoded words decoded) and the base64 text body of a single-part mail. */
function parseMail(raw: string): Omit<Mail, 'from' | 'to'> {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  const body = rest.join('\n\n');
  const text = /base64/i.test(headers['content-transfer-encoding'] ?? '') ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  return { subject: headers.subject ?? '', text, headers };
}

function decodeWords(v: string): string {
  return v
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

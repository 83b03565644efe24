// Secrets of the notification channels: a channel's config names each secret it needs (config/notify.ts), and its
// value comes from the environment or, failing that, the secrets file (`notify.secretsFile`, JSON or YAML
// `NAME: value`). A missing secret or a webhook secret that is not an http(s) URL is an error naming the field.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ChannelConfig, NotifyConfig } from '../config/notify.ts';

/** A notification config problem: the message names the field (`notify.channels.center-wecom.url: …`). */
export class NotifyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotifyConfigError';
  }
}

/** A channel with its secrets read: ready to send. */
export type ResolvedChannel =
  | { name: string; type: 'email'; config: Extract<ChannelConfig, { type: 'email' }>; password?: string }
  | { name: string; type: 'wecom' | 'json'; config: Extract<ChannelConfig, { type: 'wecom' | 'json' }>; url: string }
  | { name: string; type: 'dingtalk' | 'feishu'; config: Extract<ChannelConfig, { type: 'dingtalk' | 'feishu' }>; url: string; secret?: string };

/** Reads the secrets file (when configured) into a name → value map. Throws NotifyConfigError naming the field. */
export function readSecretsFile(notify: NotifyConfig, baseDir: string): Record<string, string> {
  if (!notify.secretsFile) return {};
  const path = isAbsolute(notify.secretsFile) ? notify.secretsFile : resolve(baseDir, notify.secretsFile);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new NotifyConfigError(`notify.secretsFile: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new NotifyConfigError(`notify.secretsFile: ${path} is not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new NotifyConfigError(`notify.secretsFile: ${path} must map secret names to values`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== 'string' && typeof v !== 'number') throw new NotifyConfigError(`notify.secretsFile: secret "${k}" in ${path} is not a text value`);
    out[k] = String(v);
  }
  return out;
}

/**
 * Every configured channel with its secrets, or the problem of each channel that cannot be used (one message per
 * channel, naming the field). `env` wins over the secrets file.
 */
export function resolveChannels(
  notify: NotifyConfig,
  opts: { baseDir: string; env?: NodeJS.ProcessEnv },
): { channels: Map<string, ResolvedChannel>; problems: Map<string, string> } {
  const env = opts.env ?? process.env;
  const channels = new Map<string, ResolvedChannel>();
  const problems = new Map<string, string>();
  const names = Object.keys(notify.channels);
  if (!names.length) return { channels, problems };
  let file: Record<string, string> = {};
  // without a readable file only the environment's secrets are found; a channel still missing one says why
  let fileProblem: string | undefined;
  try {
    file = readSecretsFile(notify, opts.baseDir);
  } catch (e) {
    fileProblem = (e as Error).message;
  }
  for (const name of names) {
    const cfg = notify.channels[name];
    const field = (f: string) => `notify.channels.${name}.${f}`;
    const secret = (f: string, secretName: string): string => {
      const v = env[secretName] ?? file[secretName];
      if (v === undefined || v === '')
        throw new NotifyConfigError(`${field(f)}: secret "${secretName}" is not set in the environment${notify.secretsFile ? ' nor in notify.secretsFile' : ' (or set notify.secretsFile)'}${fileProblem ? ` — ${fileProblem}` : ''}`);
      return v;
    };
    const url = (f: string, secretName: string): string => {
      const v = secret(f, secretName);
      let u: URL;
      try {
        u = new URL(v);
      } catch {
        throw new NotifyConfigError(`${field(f)}: secret "${secretName}" is not a URL (expected the robot's https:// webhook address)`);
      }
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new NotifyConfigError(`${field(f)}: secret "${secretName}" is not an http(s) URL`);
      return v;
    };
    try {
      if (cfg.type === 'email') channels.set(name, { name, type: 'email', config: cfg, ...(cfg.password ? { password: secret('password', cfg.password) } : {}) });
      else if (cfg.type === 'wecom' || cfg.type === 'json') channels.set(name, { name, type: cfg.type, config: cfg, url: url('url', cfg.url) });
      else channels.set(name, { name, type: cfg.type, config: cfg, url: url('url', cfg.url), ...(cfg.secret ? { secret: secret('secret', cfg.secret) } : {}) });
    } catch (e) {
      problems.set(name, (e as Error).message);
    }
  }
  return { channels, problems };
}

// One TLS handshake with a site's host: connects to the address the audit's resolver gives, with SNI = the host,
// accepts whatever certificate comes (so it can be described), and records the chain, whether it leads to a
// trusted root, whether it names the host, and Node's own verdict. Never throws; bounded by a time limit.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { connect, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import type { Resolver } from './resolver.ts';
import type { TlsProbe } from '../contract/artifacts/tls.ts';
import { certificateInfo, namesHost, verifyChain } from './tls-chain.ts';

export interface TlsProbeOptions {
  /** The https URL whose host and port are probed. */
  url: string;
  resolver: Resolver;
  /** Trusted roots (system roots plus extra CAs). */
  roots: X509Certificate[];
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Probes `opts.url`'s TLS endpoint. */
export async function probeTls(opts: TlsProbeOptions): Promise<TlsProbe> {
  const u = new URL(opts.url);
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(u.port || 443);
  const base: TlsProbe = { url: opts.url, host, port, address: null, connected: false };
  let address: string;
  try {
    address = (await opts.resolver.lookup(host))[0].address;
  } catch (e) {
    return { ...base, error: 'dns', errorMessage: (e as Error).message };
  }
  base.address = address;
  let socket: TLSSocket;
  try {
    socket = await handshake(address, port, host, opts.roots.map((r) => r.toString()), opts.timeoutMs, opts.signal);
  } catch (e) {
    return { ...base, ...classify(e) };
  }
  try {
    const presented = presentedChain(socket.getPeerCertificate(true));
    const verdict = verifyChain(presented, opts.roots);
    const leaf = presented[0];
    const nodeVerdict = socket.authorized ? 'authorized' : String(socket.authorizationError ?? 'unauthorized');
    return {
      ...base,
      connected: true,
      protocol: socket.getProtocol() ?? undefined,
      chain: uniqueCerts([...verdict.path, ...presented]).map(certificateInfo),
      hostMatches: leaf ? namesHost(leaf, host) : false,
      trusted: verdict.trusted,
      ...(verdict.problem ? { trustProblem: verdict.problem } : {}),
      ...(verdict.anchor ? { trustAnchor: certificateInfo(verdict.anchor).subject } : {}),
      nodeVerdict,
    };
  } finally {
    socket.destroy();
  }
}

function handshake(address: string, port: number, host: string, ca: string[], timeoutMs: number, signal?: AbortSignal): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: address,
      port,
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
      ca,
      ALPNProtocols: ['http/1.1'],
    });
    const fail = (e: unknown) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(e);
    };
    const onAbort = () => fail(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' }));
    const timer = setTimeout(() => fail(Object.assign(new Error(`no TLS handshake within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(socket);
    });
    socket.once('error', fail);
  });
}

/** The certificates the server presented (with issuers Node completed from its store), leaf first, each once. */
function presentedChain(peer: DetailedPeerCertificate): X509Certificate[] {
  const out: X509Certificate[] = [];
  const seen = new Set<string>();
  let c: DetailedPeerCertificate | undefined = peer;
  while (c?.raw && !seen.has(c.fingerprint256) && out.length < 10) {
    seen.add(c.fingerprint256);
    out.push(new X509Certificate(c.raw));
    c = c.issuerCertificate;
  }
  return out;
}

function uniqueCerts(certs: X509Certificate[]): X509Certificate[] {
  const seen = new Set<string>();
  return certs.filter((c) => !seen.has(c.fingerprint256) && seen.add(c.fingerprint256));
}

function classify(e: unknown): Pick<TlsProbe, 'error' | 'errorMessage'> {
  const err = e as NodeJS.ErrnoException;
  const code = err?.code ?? '';
  const message = `${code ? `${code}: ` : ''}${err?.message ?? String(e)}`.slice(0, 300);
  if (code === 'ECONNREFUSED') return { error: 'refused', errorMessage: message };
  if (code === 'ETIMEDOUT' || code === 'ABORT_ERR') return { error: 'timeout', errorMessage: message };
  if (code === 'ECONNRESET' || code === 'EPIPE') return { error: 'reset', errorMessage: message };
  if (/wrong version number|packet length too long|http request|unknown protocol/i.test(message)) return { error: 'not-tls', errorMessage: message };
  if (code.startsWith('ERR_SSL') || /ssl|tls|handshake|alert/i.test(message)) return { error: 'handshake', errorMessage: message };
  return { error: 'network', errorMessage: message };
}

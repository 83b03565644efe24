// Test support: a throw-away certificate authority made at test time with the openssl CLI (OpenSSL 3), with fixed
// validity dates so tests judge them at a pinned clock. Root → intermediate → leaf, leaves signed by the root, and
// a self-signed leaf. Nothing leaves the temp folder; call `remove()` when done.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Is the openssl CLI there? (Tests that need it are skipped without it.) */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface Issued {
  key: string;
  cert: string;
}

export interface TestCa {
  dir: string;
  /** Root certificate (PEM) and the path of the file holding it (for `security.caFile`). */
  rootPem: string;
  rootFile: string;
  intermediate: Issued;
  /** A leaf for `hosts` valid `from`…`to` (YYYYMMDDHHMMSSZ), signed by the root or the intermediate. */
  leaf(name: string, hosts: string[], from: string, to: string, by?: 'root' | 'intermediate'): Issued;
  /** A self-signed leaf. */
  selfSigned(name: string, hosts: string[], from: string, to: string): Issued;
  remove(): void;
}

const CONFIG = (dir: string) => `
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = ${dir}
database = ${dir}/index.txt
new_certs_dir = ${dir}/new
serial = ${dir}/serial
default_md = sha256
policy = policy_any
copy_extensions = copy
unique_subject = no
[ policy_any ]
commonName = supplied
[ v3_ca ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ v3_leaf ]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

/** Makes the CA (root valid 2020–2040, intermediate 2021–2039). */
export function makeTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'govaudit-ca-'));
  mkdirSync(join(dir, 'new'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  const cnf = join(dir, 'ca.cnf');
  writeFileSync(cnf, CONFIG(dir));
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const key = (name: string) => {
    ssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
    return join(dir, `${name}.key`);
  };
  const csr = (name: string, cn: string, hosts: string[]) => {
    const k = key(name);
    const san = hosts.length ? ['-addext', `subjectAltName=${hosts.map((h) => (/^[\d.]+$/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',')}`] : [];
    ssl('req', '-new', '-key', k, '-subj', `/CN=${cn}`, ...san, '-out', `${name}.csr`);
    return k;
  };
  const sign = (name: string, from: string, to: string, ext: string, issuer: 'self' | 'root' | 'intermediate') => {
    const by = issuer === 'self' ? ['-selfsign', '-keyfile', `${name}.key`] : ['-cert', `${issuer}.crt`, '-keyfile', `${issuer}.key`];
    ssl('ca', '-batch', '-notext', '-config', cnf, ...by, '-in', `${name}.csr`, '-out', `${name}.crt`, '-startdate', from, '-enddate', to, '-extensions', ext);
    return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.crt`), 'utf8') };
  };
  csr('root', 'govaudit test root CA', []);
  const root = sign('root', '20200101000000Z', '20400101000000Z', 'v3_ca', 'self');
  csr('intermediate', 'govaudit test intermediate CA', []);
  const intermediate = sign('intermediate', '20210101000000Z', '20390101000000Z', 'v3_ca', 'root');
  return {
    dir,
    rootPem: root.cert,
    rootFile: join(dir, 'root.crt'),
    intermediate,
    leaf(name, hosts, from, to, by = 'root') {
      csr(name, hosts[0], hosts);
      return sign(name, from, to, 'v3_leaf', by);
    },
    selfSigned(name, hosts, from, to) {
      csr(name, hosts[0], hosts);
      return sign(name, from, to, 'v3_leaf', 'self');
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

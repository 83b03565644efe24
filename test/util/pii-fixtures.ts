// Test-only generators of synthetic identifiers with valid check characters, written independently of
// util/checksums.ts so the tests do not trust the code they test. No real person's data.

/** Resident ID: 17 digits + ISO 7064 MOD 11-2 check character (weights 2^(17-i) mod 11). */
export function makeId(region: string, birth: string, seq: string): string {
  const body = `${region}${birth}${seq}`;
  if (!/^\d{17}$/.test(body)) throw new Error(`bad ID body ${body}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return body + (check === 10 ? 'X' : String(check));
}

/** The same ID with a wrong check character. */
export function breakCheck(id: string): string {
  const last = id[17] === '0' ? '1' : '0';
  return id.slice(0, 17) + last;
}

/** Appends the Luhn check digit to a digit string. */
export function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnOk(body + d)) return body + d;
  throw new Error('unreachable');
}

export function luhnOk(digits: string): boolean {
  const sum = [...digits].reverse().reduce((acc, ch, i) => {
    const n = Number(ch) * (i % 2 ? 2 : 1);
    return acc + Math.floor(n / 10) + (n % 10);
  }, 0);
  return sum % 10 === 0;
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Unified social credit code from its first 16 characters: appends the GB 11714 and GB 32100 check characters. */
export function makeCreditCode(first16: string): string {
  const org = first16.slice(8, 16);
  const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 8; i++) s += parseInt(org[i], 36) * orgWeights[i];
  const oc = 11 - (s % 11);
  const first17 = first16 + (oc === 10 ? 'X' : oc === 11 ? '0' : String(oc));
  let t = 0;
  for (let i = 0; i < 17; i++) t += CREDIT_ALPHABET.indexOf(first17[i]) * (3 ** i % 31);
  return first17 + CREDIT_ALPHABET[(31 - (t % 31)) % 31];
}

/** Formats digits in groups of four separated by `sep`. */
export function grouped(digits: string, sep: string): string {
  return digits.match(/.{1,4}/g)!.join(sep);
}

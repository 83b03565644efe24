// The signatures the group robots check when a robot has its signing option on, as their documentation gives them:
//   钉钉自定义机器人 (加签): sign = Base64(HmacSHA256(key = secret, data = `${timestamp}\n${secret}`)), timestamp in ms,
//     both appended to the webhook URL as query parameters (the sign URL-encoded);
//   飞书自定义机器人 (签名校验): sign = Base64(HmacSHA256(key = `${timestamp}\n${secret}`, data = "")), timestamp in
//     seconds, both sent in the JSON body.
import { createHmac } from 'node:crypto';

/** 钉钉's `sign` for `timestampMs` (not yet URL-encoded). */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The 钉钉 webhook URL with `timestamp` and `sign` added. */
export function dingtalkSignedUrl(webhook: string, secret: string, timestampMs: number): string {
  const u = new URL(webhook);
  u.searchParams.set('timestamp', String(timestampMs));
  u.searchParams.set('sign', dingtalkSign(secret, timestampMs));
  return u.toString();
}

/** 飞书's `sign` for `timestampSeconds`. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('', 'utf8').digest('base64');
}

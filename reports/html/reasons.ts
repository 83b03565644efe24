// Why an attachment was not read, in a clerk's words (the gatherer records the reason in English for logs).
const rules: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^legacy \.(doc|xls) format is not read/, (m) => `旧版 ${m[1] === 'doc' ? 'Word（.doc）' : 'Excel（.xls）'} 格式，暂不能读取`],
  [/^legacy binary Office/, () => '文件实为旧版 Office 格式，暂不能读取'],
  [/^WPS\/ET format/, () => 'WPS 格式，暂不能读取'],
  [/^over the limit of (\d+) attachments/, (m) => `超过每个网站检查 ${m[1]} 个附件的上限，未读取`],
  [/^disallowed by robots/, () => '网站的 robots 协议禁止访问'],
  [/^HTTP (\d+)/, (m) => `无法下载（HTTP ${m[1]}）`],
  [/^download failed \(([^)]*)\)/, (m) => `无法下载（${netReason(m[1])}）`],
  [/^larger than (\d+) bytes/, (m) => `文件大于 ${Math.round(Number(m[1]) / 1024 / 1024)} MB，未读取`],
  [/^empty answer/, () => '下载到的文件为空'],
  [/^aborted/, () => '检测被中止'],
  [/stopped after (\d+) ms/, (m) => `读取超过 ${Math.round(Number(m[1]) / 1000)} 秒，已停止`],
  [/pdftotext .*not installed/, () => '本机未安装 PDF 读取工具'],
  [/^not a (PDF|DOCX|XLSX|DOC)/i, () => '文件内容与扩展名不符，无法读取'],
  [/could not (be )?read|refused|damaged|ZIP/i, () => '文件已损坏或格式异常，无法读取'],
];

const net: Record<string, string> = { timeout: '响应超时', dns: '域名无法解析', refused: '连接被拒绝', reset: '连接被中断', tls: '证书错误', 'no answer': '无响应' };
function netReason(code: string): string {
  return net[code] ?? '网络错误';
}

/** The reason in Chinese (unknown English reasons become a generic sentence, never shown raw). */
export function attachmentReason(reason: string): string {
  for (const [re, fn] of rules) {
    const m = re.exec(reason);
    if (m) return fn(m);
  }
  return /[\u4e00-\u9fff]/.test(reason) ? reason : '未能读取';
}

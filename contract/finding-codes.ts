// Every finding code the checks raise, with what it means, where its URL points and its evidence keys: the finding
// codes reference (docs/reference/finding-codes.md) is generated from this list with the indicator catalogue
// (`node bin/run-ts.mjs reports/docs/write-finding-codes-md.ts`), and test/reports/finding-codes-doc.test.ts fails when
// a check raises a code that is not here. A `*` stands for a family (`a11y.*`: one code per axe rule).

export interface FindingCodeEntry {
  /** The code, or a family with `*` (`identity.missing-*`). */
  code: string;
  /** What it means, in English, for operators and developers (clerks read the Chinese message and labels). */
  meaning: string;
  /** Where the finding's URL points. */
  url: string;
  /** Its evidence keys (Markdown). */
  evidence: string;
}

export const findingCodes: readonly FindingCodeEntry[] = [
  { code: "link.broken", meaning: "the target answers ≥ 400, or DNS fails, the connection is refused/reset, TLS fails", url: "the link's target", evidence: "`status` or `error`, `foundOn[]`, `onHomepage`" },
  { code: "link.timeout", meaning: "no answer within the timeouts", url: "target", evidence: "`foundOn[]`, `onHomepage`" },
  { code: "link.redirect-loop", meaning: "a redirect loop, or more than `maxRedirects` hops", url: "target", evidence: "`foundOn[]`" },
  { code: "link.soft-404", meaning: "a 200 answer whose page says the content does not exist", url: "target", evidence: "`soft404Reason`, `foundOn[]`" },
  { code: "link.not-checked", meaning: "info, `review`: the server answered 429, or 503 with `Retry-After`, and the wait did not fit `crawl.maxRetryWaitMs` or the run's `crawl.retryWaitBudgetMs` (or the retries ran out) — not checked (未检测), never broken, not scored", url: "target", evidence: "`status`, `retryAfterSeconds`, `notCheckedBecause` (`wait-over-cap`, `budget-spent`, `retries-spent`), `foundOn[]`, `onHomepage`" },
  { code: "link.too-large", meaning: "minor, not scored: a page or attachment whose body passed its size cap (`crawl.maxBodyBytes`, `attachments.maxBytes`; a gzip bomb) — read and checked only in part", url: "the page or attachment", evidence: "`bytesRead`, `cap`, `capSetting`, `cappedBecause` (`too-large`, `compression-bomb`), `compressedBytes`, `encoding`, `foundOn[]`" },
  { code: "link.not-fetched", meaning: "info, `review`: a link or redirect to a loopback, link-local or private address, or to a scheme other than http(s) (`file:`, `ftp:`, a redirect to `javascript:`/`data:`) — not requested, not scored", url: "target", evidence: "`error` (`blocked-address`, `unsupported-scheme`), `detail`, `finalUrl`, `foundOn[]`" },
  { code: "ipv6.no-aaaa", meaning: "the homepage's host has no AAAA record (an IPv4-only site gets only this)", url: "homepage", evidence: "`host`, `a[]`, `cname[]`" },
  { code: "ipv6.unreachable", meaning: "AAAA present, but the homepage gives no answer over IPv6 (refused, timeout, TLS…) or an error status IPv4 does not give", url: "homepage", evidence: "`error` or `status`, `detail`, `address`, `tls`" },
  { code: "ipv6.content-mismatch", meaning: "IPv6 answers another site or a default page: status, final URL, title or normalised text differ", url: "homepage", evidence: "`differences[]`, `similarity`, `ipv4Status`/`ipv6Status`, `ipv4Title`/`ipv6Title`, `ipv4FinalUrl`/`ipv6FinalUrl`" },
  { code: "ipv6.support-low", meaning: "the second- or third-level link ratio over IPv6 is below its target", url: "homepage", evidence: "`secondLevel`, `thirdLevel` (`checked`, `ok`, `ratio`, `min`)" },
  { code: "ipv6.link-unsupported", meaning: "a same-site page of the second or third level that works in the crawl fails over IPv6 (minor, not scored: `ipv6.support-low` carries the score)", url: "the page", evidence: "`level`, `status` or `error`, `crawlStatus`" },
  { code: "ipv6.host-no-aaaa", meaning: "a host of embedded resources or outbound links has an A record but no AAAA (minor, not scored)", url: "homepage", evidence: "`host`, `uses[]` (`resource`, `outbound`), `foundOn[]`, `pages`, `examples[]`" },
  { code: "interpretation.missing", meaning: "a policy document in scope without an interpretation (`review` when the crawl was cut short or the document's page was not fetched)", url: "the policy document", evidence: "`title`, `date`, `documentNumber`, `column`" },
  { code: "interpretation.late", meaning: "its interpretation came more than `maxDelayWorkdays` working days after it", url: "the policy document", evidence: "`date`, `interpretationUrl`, `interpretationDate`, `workdays`, `deadline`, `pairedBy`" },
  { code: "freshness.homepage-stale", meaning: "no homepage item newer than 2 weeks (veto; `review` when no item has a date)", url: "homepage", evidence: "`newest`, `daysSince`, `limit`, `cutoff`" },
  { code: "freshness.column-stale", meaning: "a column's newest item is older than its kind's limit (`review` when no item has a date)", url: "the column", evidence: "`kind`, `column`, `newest`, `daysSince`, `limit`, `cutoff`, `items`, `undated`" },
  { code: "freshness.column-empty", meaning: "a column with no item (`review` when its list may be filled by script, or its page fails)", url: "the column", evidence: "`kind`, `column`, `items`, `scriptFilled`" },
  { code: "identity.missing-*", meaning: "`site-code`, `icp`, `police-record`, `party-mark`, `error-report-entrance`, `sponsor`, `contact` missing (or a site code other than the configured one)", url: "homepage, or the first inner page lacking it", evidence: "`mark`, `level` (`homepage`/`inner`), `alsoMissingOn[]` or `pages[]`, `sampled`, `problem`, `found`" },
  { code: "privacy.id-number", meaning: "personal data in clear, one finding per page or attachment and kind", url: "the page or attachment", evidence: "`source`, `count`, `values[]` and `contexts[]` (masked), `format`, `foundOn[]`" },
  { code: "privacy.mobile-number", meaning: "personal data in clear, one finding per page or attachment and kind", url: "the page or attachment", evidence: "`source`, `count`, `values[]` and `contexts[]` (masked), `format`, `foundOn[]`" },
  { code: "privacy.bank-card", meaning: "personal data in clear, one finding per page or attachment and kind", url: "the page or attachment", evidence: "`source`, `count`, `values[]` and `contexts[]` (masked), `format`, `foundOn[]`" },
  { code: "availability.homepage-down", meaning: "≥ 5% of the window's homepage probes failed (veto 站点无法访问)", url: "homepage", evidence: "`probes`, `failed`, `failureRate`, `threshold`, `failures` (by kind: `timeout`, `dns`, `http-503`, …), `worstDays[]`, `windowFrom`, `windowTo`" },
  { code: "availability.homepage-unstable", meaning: "≥ 1% (and < 5%) failed (−5, 首页可用性)", url: "homepage", evidence: "as above" },
  { code: "error-report.overdue", meaning: "answered after the deadline (end of the 2nd working day after 转办时间)", url: "`null`", evidence: "`reportId` (编号), `type`, `forwarded`, `startedFrom`, `deadline`, `answered`, `workdaysTaken`, `deadlineWorkdays`, `status`, `description` (masked)" },
  { code: "error-report.unanswered", meaning: "deadline passed without an answer", url: "`null`", evidence: "as above, `answered: null`, `workdaysTaken` so far" },
  { code: "interaction.no-channel", meaning: "no working question channel (veto 互动回应差)", url: "homepage", evidence: "`reason` (`none`/`broken`), `channels[]`" },
  { code: "interaction.unanswered-message", meaning: "a valid message of the past year without a reply for more than 3 months (veto)", url: "the message's page", evidence: "`itemId`, `title`, `submitted`, `answered`, `status`, `monthsLimit`, `layout`" },
  { code: "disclosure.missing", meaning: "a catalogue item not found: a standing item anywhere, a dated item for the year judged (`review` when the crawl was cut short or the item's `where` column was not crawled)", url: "the item's `where` column, else homepage", evidence: "`itemId`, `name`, `year`, `due`, `where`, `source`, `brokenLinks[]` and `brokenLinkStatus[]` (same-titled links that fail), `crawlTruncated`" },
  { code: "disclosure.late", meaning: "the item for the year judged was published after its due date", url: "the item's page", evidence: "`itemId`, `name`, `year`, `due`, `date`, `daysLate`, `title`, `source`" },
  { code: "disclosure-request.overdue", meaning: "a request answered after its deadline", url: "`null`", evidence: "`requestId` (编号), `unit`, `received`, `extendedAt`, `extension` (`none`/`applied`/`too-late`), `suspendedDays`, `workdaysAllowed`, `firstDeadline`, `deadline`, `answered`, `workdaysTaken`, `status`" },
  { code: "disclosure-request.unanswered", meaning: "deadline passed without an answer", url: "`null`", evidence: "as above, `answered: null`, `workdaysTaken` so far" },
  { code: "a11y.*", meaning: "an axe-core rule fails on the page (e.g. `a11y.image-alt`, `a11y.label`, `a11y.color-contrast`, `a11y.html-has-lang`); critical/serious → major, moderate → minor, minor → info; axe's \"incomplete\" gives the same code with `review`", url: "the page", evidence: "`rule`, `kind` (`violation`/`incomplete`), `impact`, `nodeCount`, `selectors[]`, `html`, `howToFix`, `help`, `helpUrl`, `wcag[]`, `gbt37668`, `mappingSource`" },
  { code: "a11y.lighthouse-score", meaning: "the homepage's Lighthouse accessibility score is below `lighthouseThreshold` (minor)", url: "homepage", evidence: "`score`, `threshold`, `failedAudits[]`" },
  { code: "a11y.no-accessible-mode", meaning: "no 无障碍 / 长者模式 / 适老化 / 关怀版 / 老年模式 / 大字版 link, button or toolbar on the homepage (major)", url: "homepage", evidence: "`searched`" },
  { code: "a11y.floating-ad", meaning: "a floating layer over the homepage (飘窗, pop-up): fixed, or absolutely positioned against the page, ≥ 60×60 px and ≥ 10 000 px², narrower than 90% of the viewport, holding an image, frame, link or button (major)", url: "homepage", evidence: "`count`, `selectors[]`, `layers[]` (box, text, html)" },
  { code: "a11y.small-text", meaning: "visible text on the homepage smaller than `minFontPx` (minor)", url: "homepage", evidence: "`count`, `minFontPx`, `smallestPx`, `samples[]`" },
  { code: "security.spam-content", meaning: "spam vocabulary on a page with context (kind `page`), or content served only to search-engine crawlers (kind `cloaking`); veto severity, `review`", url: "the page (the homepage for a template-wide injection)", evidence: "`kind`; `page`: `where[]` (`title`, `description`, `keywords`, `link`, `hidden`, `text`), `terms[]`, `excerpts[]`, `links[]`, `pages[]`, `pageCount`; `cloaking`: `agents[]`, `terms[]`, `normal` and `crawler` (`title`, `description`, `finalUrl`, `excerpt`)" },
  { code: "security.tampered-title", meaning: "`<title>` disagrees with the ArticleTitle meta and adds spam terms (veto severity, `review`)", url: "the page", evidence: "`title`, `articleTitle`, `terms[]`" },
  { code: "security.hidden-link", meaning: "a hidden element links to a host outside the government (veto severity, `review`); dropped when the browser shows the links", url: "the page (homepage for a template)", evidence: "`hosts[]`, `links[]`, `element`, `hiddenBy[]`, `browser` (`confirmed`/`not-checked`), `pages[]`, `pageCount`" },
  { code: "security.no-https", meaning: "HTTPS not offered on the site's host (kind `not-offered`), or plain HTTP not sent on to it (kind `not-redirected`) (major)", url: "homepage", evidence: "`kind`, `httpsUrl`, `error`, `detail`; `httpUrl`, `status`, `finalUrl`" },
  { code: "security.tls-invalid", meaning: "the certificate chain does not lead to a trusted root, does not name the host, is expired or not yet valid at the audit clock, or the handshake fails (major)", url: "homepage", evidence: "`problems[]` (`self-signed`, `unknown-issuer`, `bad-signature`, `issuer-not-ca`, `wrong-host`, `expired`, `not-yet-valid`, `handshake`), `httpsUrl`, `certificate`, `nodeVerdict`" },
  { code: "security.tls-expiring", meaning: "a valid certificate ends within `tlsExpiringDays` (minor)", url: "homepage", evidence: "`daysLeft`, `validTo`, `limitDays`, `certificate`" },
  { code: "security.mixed-content", meaning: "an HTTPS page loads images, scripts, styles or frames over plain HTTP (major with active content, else minor)", url: "the page", evidence: "`resources[]` (`url`, `tag`), `active`, `pages[]`, `pageCount`" },
  { code: "security.commercial-ad", meaning: "anything from an ad-network host (kind `ad-network`, once per host), or a floating box (飘窗, 对联) pointing outside the government or saying 广告 (kind `floating`) (major)", url: "homepage or first page", evidence: "`kind`, `host`, `resources[]`, `foundOn[]`; `floating`: `element`, `how`, `hosts[]`, `links[]`, `text`" },
  { code: "service.no-search", meaning: "no site-search form on the homepage (nor on a 搜索 page it links to) (minor, not scored)", url: "homepage", evidence: "`lookedAt[]`" },
  { code: "service.search-broken", meaning: "searching for the newest article's title does not return a page linking to it, or the search page fails (minor, not scored); `review` when the form could not be tried (POST, script-driven, no dated article)", url: "homepage", evidence: "`query`, `resultUrl`, `status`, `articleUrl`, `articleDate`, `resultLinks`, `form`, `reviewReason`" },
  { code: "wording.serious", meaning: "a serious wording error: a key political formulation, a leader's name or post, an official name or an outdated term written wrong (veto severity, always `review`)", url: "the page or attachment", evidence: "`kind`, `wrong`, `correct`, `count`, `where[]`, `occurrences[]`, `source`, `note`, `pageDate`, `pagesAffected`, `examplePages[]`; attachments: `attachmentName`, `format`, `foundOn`, `pdfPages[]`" },
  { code: "wording.typo", meaning: "a common typo from the shipped list or `wording.extraTypos` (minor; counts toward 内容准确性)", url: "the page or attachment", evidence: "as `wording.serious`" },
];

/** The entry a code belongs to (exact, else its `*` family). */
export function findingCodeEntry(code: string): FindingCodeEntry | undefined {
  return findingCodes.find((e) => e.code === code) ?? findingCodes.find((e) => e.code.endsWith('*') && code.startsWith(e.code.slice(0, -1)));
}

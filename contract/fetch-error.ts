// Network-level failure codes shared by the crawler (crawler/errors.ts maps thrown errors onto them), the artifacts
// that record them and the checks that read them.

/** Why a fetch got no usable answer. */
export type FetchErrorCode =
  | 'timeout'
  | 'dns'
  | 'refused'
  | 'reset'
  | 'tls'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'too-large'
  | 'unsupported-scheme'
  | 'blocked-address'
  | 'robots'
  | 'network';

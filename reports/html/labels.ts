// Chinese labels shared by the HTML reports and the dashboard; the vocabulary itself lives in ../vocabulary.ts.
export { formatDate, formatDateTime, severityText } from '../vocabulary.ts';

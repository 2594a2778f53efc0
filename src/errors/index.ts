export { CreditBlockError, issue, localizeIssues, MAX_ISSUES, type ErrorCode, type Issue } from "./CreditBlockError.js";
export { MESSAGES, renderMessage, type IssueCode, type Locale, type MessageParams, type Renderer } from "./messages.js";

// Telegram's `parse_mode: 'HTML'` and Slack's mrkdwn both treat only these three as markup:
// https://core.telegram.org/bots/api#html-style,
// https://docs.slack.dev/messaging/formatting-message-text#escaping
/** Escapes plain text for HTML-like markup: `&`, `<` and `>` only. */
export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

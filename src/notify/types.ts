/** A team that receives escalations: senior agents (level 1), risk control and PR (level 2). */
export type Team = 'senior' | 'risk' | 'pr'

/** Every team, in display order. */
export const TEAMS: readonly Team[] = ['senior', 'risk', 'pr']

/** Where one team's notifications go. */
export type NotifyTarget =
  /** A Slack incoming-webhook URL (https://hooks.slack.com/...). */
  | { kind: 'slack'; url: string }
  /**
   * A Slack channel, posted through the Slack bot (SLACK_BOT_TOKEN): the agents' desk. An agent's
   * reply in the notification's thread reaches the customer on their own channel.
   */
  | { kind: 'slack-desk'; channel: string }
  /** A Telegram group chat, sent through the bot (TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE). */
  | { kind: 'telegram'; chatId: string }
  /** Any HTTPS endpoint; the JSON body is signed with HMAC-SHA256 of the secret. */
  | { kind: 'webhook'; url: string; secret: string }

/** The notification settings (one KV document). */
export interface NotifyConfig {
  teams: Record<Team, NotifyTarget[]>
}

/** One line of the transcript a notice carries. */
export interface NoticeLine {
  direction: 'in' | 'out'
  author: string
  text: string
  at: number
}

/** Everything a team needs to take over a conversation without asking the customer again. */
export interface EscalationNotice {
  /** Stable across retries, so receivers can dedupe. */
  deliveryId: string
  conversationKey: string
  channel: string
  level: 1 | 2
  team: Team
  reasons: string[]
  /** The one-paragraph problem summary. */
  summary: string
  customer: { id: string; name?: string }
  submittedAt: number
  expectedResolutionAt: number | null
  locale: string
  intent: string | null
  /** Recent messages, oldest first. */
  transcript: NoticeLine[]
  /** API path of the conversation. */
  links?: { conversation: string }
}

// The subset of Slack's Events API, interactivity and Web API shapes this adapter reads or writes:
// https://docs.slack.dev/apis/events-api/ , https://docs.slack.dev/reference/interaction-payloads/
// Every field is optional except where Slack guarantees it; parse still checks at runtime.

/** A file shared in a message (https://docs.slack.dev/reference/objects/file-object). */
export interface SlackFile {
  id: string
  name?: string
  title?: string
  mimetype?: string
  filetype?: string
  /** `hosted`, `external`, `snippet`, ...; `tombstone` and `hidden_by_limit` carry no content. */
  mode?: string
  /** Bytes. */
  size?: number
  /** Needs the bot token (`files:read`); `url_private_download` forces a download. */
  url_private?: string
  url_private_download?: string
}

/** The answer of `files.info` (https://docs.slack.dev/reference/methods/files.info). */
export interface FilesInfoAnswer {
  ok: boolean
  error?: string
  file?: SlackFile
}

/** A `message` event (https://docs.slack.dev/reference/events/message). */
export interface MessageEvent {
  type: 'message'
  /** Absent for a plain user message; `file_share`, `message_changed`, `bot_message`, ... */
  subtype?: string
  channel: string
  /** `im`, `channel` (public), `group` (private), `mpim` (group DM). */
  channel_type?: string
  user?: string
  bot_id?: string
  text?: string
  /** `<unix seconds>.<micro>`; the message id within its channel. */
  ts: string
  /** Set on thread replies (the parent's ts) and on a parent that has replies (its own ts). */
  thread_ts?: string
  event_ts?: string
  files?: SlackFile[]
  /** Present on some user messages; names are otherwise only available through `users.info`. */
  user_profile?: { display_name?: string; real_name?: string; name?: string }
  /** `message_changed`: the message after the edit. */
  message?: Omit<MessageEvent, 'channel'> & { edited?: { user: string; ts: string } }
  /** `message_changed` / `message_deleted`: the message before. */
  previous_message?: Omit<MessageEvent, 'channel'>
}

/** The envelope of every Events API delivery (https://docs.slack.dev/apis/events-api/). */
export interface EventCallback {
  type: 'event_callback'
  team_id: string
  enterprise_id?: string | null
  api_app_id: string
  event: { type: string; [field: string]: unknown }
  /** Unique per event and identical on retries: Slack's dedupe key. */
  event_id: string
  event_time: number
}

/** The signed handshake sent when the Request URL is saved (url_verification event). */
export interface UrlVerification {
  type: 'url_verification'
  challenge: string
  token?: string
}

/** One element interaction in a `block_actions` payload. */
export interface BlockAction {
  type: string
  action_id: string
  block_id?: string
  /** A button's `value` (the engine's button id). */
  value?: string
  text?: { type: 'plain_text'; text: string; emoji?: boolean }
  action_ts: string
}

/**
 * A button press (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload),
 * delivered form-encoded as `payload=<json>`.
 */
export interface BlockActionsPayload {
  type: 'block_actions'
  user: { id: string; username?: string; name?: string; team_id?: string }
  team?: { id: string; domain?: string } | null
  enterprise?: { id: string; name?: string } | null
  /** Where the pressed element lives; `message` for buttons under a message. */
  container: {
    type: string
    message_ts?: string
    channel_id?: string
    thread_ts?: string
    is_ephemeral?: boolean
  }
  channel?: { id: string; name?: string }
  /** Absent for ephemeral messages. */
  message?: { ts: string; thread_ts?: string; text?: string; bot_id?: string }
  trigger_id?: string
  response_url?: string
  actions: BlockAction[]
}

/** A text object (https://docs.slack.dev/reference/block-kit/composition-objects/text-object). */
export interface TextObject {
  type: 'plain_text' | 'mrkdwn'
  text: string
  emoji?: boolean
}

/** A button element (https://docs.slack.dev/reference/block-kit/block-elements/button-element). */
export interface ButtonElement {
  type: 'button'
  text: TextObject & { type: 'plain_text' }
  action_id: string
  value: string
}

/** A section block (https://docs.slack.dev/reference/block-kit/blocks/section-block). */
export interface SectionBlock {
  type: 'section'
  text: TextObject & { type: 'mrkdwn' }
}

/** An actions block of 1-25 elements (docs.slack.dev/reference/block-kit/blocks/actions-block). */
export interface ActionsBlock {
  type: 'actions'
  elements: ButtonElement[]
}

/** The blocks this adapter sends. */
export type Block = SectionBlock | ActionsBlock

/** The `chat.postMessage` arguments we send (docs.slack.dev/reference/methods/chat.postMessage). */
export interface PostMessageRequest {
  channel: string
  /** Fallback for notifications and screen readers when blocks are present. */
  text: string
  blocks: Block[]
  thread_ts?: string
}

/** The envelope of every Web API answer (https://docs.slack.dev/apis/web-api/#responses). */
export type ApiResponse =
  | { ok: true; channel?: string; ts?: string; warning?: string }
  | { ok: false; error: string; warning?: string; response_metadata?: { messages?: string[] } }

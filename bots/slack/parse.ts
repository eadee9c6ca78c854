import { makeKey } from '../../src/channels/keys'
import type { AttachmentRef, InboundEvent, ParseResult, Sender } from '../../src/channels/types'
import type { BlockAction, BlockActionsPayload, MessageEvent } from './api'
import { fromMrkdwn } from './format'
import { isRecord, str } from '../../src/lib/guards'

// Conversations the bot may be part of: DMs, public and private channels, group DMs.
// https://docs.slack.dev/reference/events/message
const CHANNEL_TYPES = new Set(['im', 'channel', 'group', 'mpim'])

// Subtypes that are a customer writing; all others (joins, deletions, topic changes, ...) are not.
// https://docs.slack.dev/reference/events/message#subtypes
const MESSAGE_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast', 'me_message'])

// Files without content for us: deleted, or beyond a free workspace's visible history.
const CONTENTLESS_FILES = new Set(['tombstone', 'hidden_by_limit'])

const invalid = (reason: string): ParseResult => ({ kind: 'invalid', reason })

const events = (list: InboundEvent[], ack?: () => Response): ParseResult =>
  ack ? { kind: 'events', events: list, ack } : { kind: 'events', events: list }

// Interactivity (and slash commands) want an empty 200: a JSON body would be shown as a reply.
// https://docs.slack.dev/interactivity/handling-user-interaction#acknowledgment_response
const emptyAck = () => new Response(null, { status: 200 })

/** Slack `ts` (`<unix seconds>.<microseconds>`) -> ms epoch; undefined when malformed. */
export const tsToMs = (ts: unknown): number | undefined => {
  if (typeof ts !== 'string') return undefined
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(ts)
  if (!match) return undefined
  const micros = (match[2] ?? '').padEnd(6, '0')
  return Number(match[1]) * 1000 + Math.floor(Number(micros) / 1000)
}

/** `slack:<team>:<channel>`, plus `:<thread_ts>` for a thread reply (not for its parent). */
const conversationKey = (team: string, channel: string, ts?: string, threadTs?: string): string =>
  threadTs && threadTs !== ts
    ? makeKey('slack', team, channel, threadTs)
    : makeKey('slack', team, channel)

const isMessageEvent = (value: unknown): value is MessageEvent =>
  isRecord(value) &&
  value.type === 'message' &&
  typeof value.channel === 'string' &&
  value.channel !== '' &&
  typeof value.ts === 'string'

const isFromBot = (message: { bot_id?: unknown; subtype?: unknown }): boolean =>
  message.bot_id !== undefined || message.subtype === 'bot_message'

const kindOf = (mimeType: string | undefined): AttachmentRef['kind'] => {
  if (mimeType?.startsWith('image/')) return 'image'
  if (mimeType?.startsWith('audio/')) return 'audio'
  if (mimeType?.startsWith('video/')) return 'video'
  return 'file'
}

const attachmentsOf = (files: unknown): AttachmentRef[] => {
  if (!Array.isArray(files)) return []
  const attachments: AttachmentRef[] = []
  for (const file of files as unknown[]) {
    // The fields of a SlackFile (api.ts), each checked here.
    if (!isRecord(file)) continue
    const id = str(file.id)
    if (!id) continue
    const { mode, size } = file
    if (typeof mode === 'string' && CONTENTLESS_FILES.has(mode)) continue
    const mimeType = str(file.mimetype)
    const ref: AttachmentRef = { kind: kindOf(mimeType), ref: id }
    if (mimeType) ref.mimeType = mimeType
    const name = str(file.name)
    if (name) ref.name = name
    if (typeof size === 'number' && Number.isSafeInteger(size) && size > 0) ref.size = size
    attachments.push(ref)
  }
  return attachments
}

const senderOf = (id: string, profile: unknown): Sender => {
  const sender: Sender = { id, isBot: false }
  if (isRecord(profile)) {
    const name = str(profile.display_name) ?? str(profile.real_name) ?? str(profile.name)
    if (name) sender.name = name
  }
  return sender
}

interface Context {
  team: string
  externalId: string
  receivedAt: number
  raw: unknown
}

const messageEvents = (event: MessageEvent, ctx: Context): InboundEvent[] => {
  const user = str(event.user)
  if (!user || !MESSAGE_SUBTYPES.has(event.subtype)) return []
  return [
    {
      type: 'message',
      channel: 'slack',
      conversationKey: conversationKey(ctx.team, event.channel, event.ts, str(event.thread_ts)),
      externalId: ctx.externalId,
      platformMessageId: event.ts,
      sender: senderOf(user, event.user_profile),
      sentAt: tsToMs(event.ts) ?? ctx.receivedAt,
      text: fromMrkdwn(typeof event.text === 'string' ? event.text : ''),
      attachments: attachmentsOf(event.files),
      raw: ctx.raw,
    },
  ]
}

// An edit arrives as `message_changed` with the new message inside. Slack also sends it when only
// unfurls or reply counts change, with the text unchanged; those are no edits for us.
// https://docs.slack.dev/reference/events/message/message_changed
const editEvents = (event: MessageEvent, ctx: Context): InboundEvent[] => {
  const message = event.message
  if (!isRecord(message) || typeof message.ts !== 'string' || isFromBot(message)) return []
  const user = str(message.user)
  const text = typeof message.text === 'string' ? message.text : undefined
  if (!user || text === undefined || message.subtype === 'tombstone') return []
  const previous = isRecord(event.previous_message) ? event.previous_message.text : undefined
  if (previous === text) return []
  const editedAt = isRecord(message.edited) ? tsToMs(message.edited.ts) : undefined
  return [
    {
      type: 'edit',
      channel: 'slack',
      conversationKey: conversationKey(ctx.team, event.channel, message.ts, str(message.thread_ts)),
      externalId: ctx.externalId,
      platformMessageId: message.ts,
      sender: senderOf(user, message.user_profile),
      sentAt: editedAt ?? tsToMs(event.ts) ?? ctx.receivedAt,
      text: fromMrkdwn(text),
      raw: ctx.raw,
    },
  ]
}

/** One `event_callback`'s inner event -> 0..1 events; bot messages (ours too) give none. */
const callbackEvents = (event: unknown, ctx: Context): InboundEvent[] => {
  if (!isMessageEvent(event)) return []
  if (event.channel_type !== undefined && !CHANNEL_TYPES.has(event.channel_type)) return []
  if (isFromBot(event)) return []
  if (event.subtype === 'message_changed') return editEvents(event, ctx)
  return messageEvents(event, ctx)
}

/** A JSON Events API body: handshake, event callback, or something we do not handle. */
const parseEventsApi = (body: string, receivedAt: number): ParseResult => {
  let envelope: unknown
  try {
    envelope = JSON.parse(body)
  } catch {
    return invalid('malformed JSON')
  }
  if (!isRecord(envelope) || typeof envelope.type !== 'string') return invalid('not a Slack event')
  if (envelope.type === 'url_verification') {
    const challenge = str(envelope.challenge)
    if (!challenge) return invalid('url_verification without a challenge')
    // Echo the challenge: https://docs.slack.dev/reference/events/url_verification
    return { kind: 'handshake', response: Response.json({ challenge }) }
  }
  // `app_rate_limited` and future envelope types carry nothing to store.
  if (envelope.type !== 'event_callback') return events([])
  const eventId = str(envelope.event_id)
  const inner = isRecord(envelope.event) ? envelope.event : undefined
  const team = str(envelope.team_id) ?? str(inner?.team)
  if (!eventId || !team || !inner) return invalid('malformed event_callback')
  // The same event_id comes back on Slack's retries (X-Slack-Retry-Num); the engine dedupes on it.
  const ctx: Context = { team, externalId: `event:${eventId}`, receivedAt, raw: inner }
  return events(callbackEvents(inner, ctx))
}

interface ActionContext {
  team: string
  channel: string
  messageTs: string | undefined
  threadTs: string | undefined
  externalId: string
  receivedAt: number
}

const actionEvent = (
  payload: BlockActionsPayload,
  action: BlockAction,
  ctx: ActionContext
): InboundEvent | null => {
  const actionId = str(action.value) ?? str(action.action_id)
  if (!actionId) return null
  const label = isRecord(action.text) ? str(action.text.text) : undefined
  const name = str(payload.user.name) ?? str(payload.user.username)
  const sender: Sender = { id: payload.user.id, isBot: false, ...(name ? { name } : {}) }
  return {
    type: 'action',
    channel: 'slack',
    conversationKey: conversationKey(ctx.team, ctx.channel, ctx.messageTs, ctx.threadTs),
    externalId: ctx.externalId,
    sender,
    sentAt: tsToMs(action.action_ts) ?? ctx.receivedAt,
    actionId,
    ...(label === undefined ? {} : { label }),
    raw: payload,
  }
}

const isBlockActions = (
  value: Record<string, unknown>
): value is Record<string, unknown> & BlockActionsPayload =>
  isRecord(value.user) &&
  typeof value.user.id === 'string' &&
  isRecord(value.container) &&
  Array.isArray(value.actions)

/** Button presses under a message -> action events; presses in modals or App Home give none. */
const blockActionEvents = (payload: BlockActionsPayload, receivedAt: number): InboundEvent[] => {
  const { container } = payload
  const message = isRecord(payload.message) ? payload.message : undefined
  const channel =
    str(container.channel_id) ?? (isRecord(payload.channel) ? str(payload.channel.id) : undefined)
  const team =
    (isRecord(payload.team) ? str(payload.team.id) : undefined) ??
    str(payload.user.team_id) ??
    (isRecord(payload.enterprise) ? str(payload.enterprise.id) : undefined)
  if (container.type !== 'message' || !channel || !team) return []
  const threadTs = str(container.thread_ts) ?? str(message?.thread_ts)
  const messageTs = str(container.message_ts) ?? str(message?.ts)
  const list: InboundEvent[] = []
  for (const [index, action] of payload.actions.entries()) {
    if (!isRecord(action)) continue
    // Interaction payloads have no event_id; trigger_id is unique per interaction.
    const base = str(payload.trigger_id)
      ? `action:${payload.trigger_id}`
      : `action:${messageTs ?? '-'}:${str(action.action_ts) ?? '-'}`
    const externalId = index === 0 ? base : `${base}:${index}`
    const ctx: ActionContext = { team, channel, messageTs, threadTs, externalId, receivedAt }
    const event = actionEvent(payload, action, ctx)
    if (event) list.push(event)
  }
  return list
}

/** A form body: interactivity `payload=<json>`, or a slash command (not handled). */
const parseForm = (body: string, receivedAt: number): ParseResult => {
  const form = new URLSearchParams(body)
  const json = form.get('payload')
  if (json === null) {
    return form.has('command') ? events([], emptyAck) : invalid('form body without payload')
  }
  let payload: unknown
  try {
    payload = JSON.parse(json)
  } catch {
    return invalid('malformed interactivity payload')
  }
  if (!isRecord(payload) || typeof payload.type !== 'string') {
    return invalid('not a Slack interaction')
  }
  // view_submission, shortcuts etc. are not used by this adapter.
  if (payload.type !== 'block_actions') return events([], emptyAck)
  if (!isBlockActions(payload)) return invalid('malformed block_actions')
  return events(blockActionEvents(payload, receivedAt), emptyAck)
}

/**
 * Maps one verified Slack webhook body to a parse result: JSON for the Events API (including the
 * `url_verification` handshake), form-encoded for interactivity. Pure; never throws.
 */
export const parseSlack = (body: string, receivedAt: number): ParseResult => {
  try {
    return body.trimStart().startsWith('{')
      ? parseEventsApi(body, receivedAt)
      : parseForm(body, receivedAt)
  } catch (error) {
    return invalid(`unreadable body: ${error instanceof Error ? error.message : 'unknown'}`)
  }
}

import type { InboundEvent } from '../channels/types'
import type { Pins } from '../flows/types'
import { applyOutcome } from './apply'
import { isAnonymous, inboundWait } from './budget'
import { pendingAttachment, usableAttachments } from './file-steps'
import { outcome, type Outcome } from './outcome'
import type { PolicyInput } from './policy'
import { serveInbound } from './service'
import { initialState } from './state'
import { setTimer } from './timers'
import { appendInbound, seenExternalId } from './transcript'
import { applyReceipt } from './transcript-delivery'
import type { ConversationState, IngestResult } from './types'
import type { World } from './world'

/** A customer's event as the policy reads it (files the platform refused are only counted). */
export const toPolicyInput = (
  event: Extract<InboundEvent, { type: 'message' | 'action' }>
): Extract<PolicyInput, { type: 'message' | 'action' }> => {
  if (event.type === 'action')
    return {
      type: 'action',
      actionId: event.actionId,
      label: event.label,
      languageHint: event.sender.languageHint,
    }
  const attachments = usableAttachments(event.attachments)
  const refusedFiles = event.attachments.length - attachments.length
  return {
    type: 'message',
    text: event.text,
    attachments,
    ...(refusedFiles > 0 ? { refusedFiles } : {}),
    senderName: event.sender.name,
    languageHint: event.sender.languageHint,
  }
}

/** Pure: the state an event meets: the stored one (or a new one) with its page, pins and reply handle. */
const priorFor = (
  event: Exclude<InboundEvent, { type: 'status' }>,
  current: ConversationState | null,
  pins: Pins,
  now: number
): ConversationState => {
  const base =
    current ??
    initialState(
      event.conversationKey,
      event.channel,
      { id: event.sender.id, name: event.sender.name },
      now
    )
  return {
    ...base,
    // Where the customer is on the shop's site (web chat widget), for the agent's side panel.
    ...(event.sender.page ? { vars: { ...base.vars, 'customer.page': event.sender.page } } : {}),
    pins,
    replyHandle: event.replyHandle ? { value: event.replyHandle, at: now } : base.replyHandle,
  }
}

/**
 * Stores a customer's event and what the service makes of it (run inside the caller's
 * transaction): the transcript row, once; the service's outcome; the jobs it needs (button ack,
 * file downloads).
 */
export const commitInbound = (
  sql: SqlStorage,
  event: Exclude<InboundEvent, { type: 'status' }>,
  current: ConversationState | null,
  pins: Pins,
  world: World
): IngestResult => {
  const { now } = world
  // Anonymous channels get a per-conversation budget, checked before anything is stored; a
  // redelivery is a duplicate, never throttled.
  if (isAnonymous(event.channel) && !seenExternalId(sql, event.externalId)) {
    const wait = inboundWait(sql, now)
    if (wait > 0) return { status: 'throttled', retryAfterMs: wait }
  }
  const id = appendInbound(sql, event, now)
  if (id === null) return { status: 'duplicate' }
  const prior = priorFor(event, current, pins, now)
  // Edits are recorded; other bots' messages (group chats) are stored but never answered,
  // so two bots can't talk to each other forever.
  if (event.type === 'edit' || event.sender.isBot) {
    applyOutcome(sql, outcome({ ...prior, updatedAt: now }), now, current)
    return { status: 'accepted', id }
  }
  if (event.type === 'action' && event.ackHandle) {
    setTimer(sql, { id: `ack:${id}`, kind: 'ack', dueAt: now, payload: event.ackHandle })
  }
  if (event.type === 'message' && event.attachments.some(pendingAttachment)) {
    // Just after the replies: the bot's answer never waits for a download.
    setTimer(sql, { id: `media:${id}`, kind: 'media', dueAt: now + 1, payload: String(id) })
  }
  let served: Outcome
  try {
    served = serveInbound(prior, toPolicyInput(event), world, id)
  } catch (err) {
    // Never lose the message to a policy bug: keep it and hand the conversation to a human.
    console.error('policy failed', event.conversationKey, err)
    served = outcome({ ...prior, owner: 'human', lastInboundAt: now, updatedAt: now })
  }
  // The customer's row is the newest: queued replies hold ids only below it.
  applyOutcome(sql, served, now, current, id)
  return { status: 'accepted', id }
}

/**
 * A delivery receipt (run inside the caller's transaction): moves an outbound message's delivery
 * state forward, once. The message's id, or null when nothing changed. Only a failed message
 * changes what the index row lists (its count of failed messages); delivered and read don't, and
 * WhatsApp sends two of them per reply.
 */
export const commitReceipt = (
  sql: SqlStorage,
  event: Extract<InboundEvent, { type: 'status' }>,
  now: number
): number | null => {
  const seq = applyReceipt(sql, event, now)
  if (seq !== null && event.status === 'failed')
    setTimer(sql, { id: 'index', kind: 'index', dueAt: now })
  return seq
}

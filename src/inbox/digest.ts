import type { EscalationNotice, Team } from '../notify/types'

/** Anonymous-channel escalations page a team at most once in this window; the rest wait for a digest. */
export const DIGEST_WINDOW_MS = 5 * 60_000

/** Items one digest lists at most (the count stays exact). */
export const DIGEST_MAX_ITEMS = 50

/** One escalation waiting for the digest. */
export interface DigestItem {
  key: string
  level: 1 | 2
  reasons: string[]
  summary: string
  at: number
}

/** A team's digest state, as the hub stores it. */
export interface DigestState {
  /** When the team was last paged from an anonymous channel; null: never. */
  lastPageAt: number | null
  items: DigestItem[]
  count: number
  attempts: number
  /** Targets (by index) that already have the pending digest, so a retry never repeats one. */
  delivered: number[]
}

/** An empty state: the first escalation pages at once. */
export const emptyDigest = (): DigestState => ({
  lastPageAt: null,
  items: [],
  count: 0,
  attempts: 0,
  delivered: [],
})

/**
 * Pure: page now (first escalation in the window) or fold into the digest. Returns the new state
 * and, when folded, when the digest is due.
 */
export const admit = (
  state: DigestState,
  item: DigestItem,
  now: number
): { verdict: 'send' | 'digest'; state: DigestState; dueAt?: number } => {
  if (
    (state.lastPageAt === null || now - state.lastPageAt >= DIGEST_WINDOW_MS) &&
    state.count === 0
  ) {
    return { verdict: 'send', state: { ...state, lastPageAt: now } }
  }
  const items = state.items.length < DIGEST_MAX_ITEMS ? [...state.items, item] : state.items
  return {
    verdict: 'digest',
    state: { ...state, items, count: state.count + 1 },
    dueAt: Math.max(now, (state.lastPageAt ?? now) + DIGEST_WINDOW_MS),
  }
}

/** Pure: the one notice a digest sends. */
export const digestNotice = (team: Team, state: DigestState, now: number): EscalationNotice => {
  const level = state.items.some((i) => i.level === 2) ? 2 : 1
  const lines = state.items.map((i) =>
    `L${i.level} ${i.key}: ${i.reasons.join(', ')} - ${i.summary}`.slice(0, 300)
  )
  const more = state.count - state.items.length
  return {
    deliveryId: `digest:${team}:${state.items[0]?.at ?? now}`,
    conversationKey: `digest (${state.count} web chats)`,
    channel: 'webchat',
    level,
    team,
    reasons: [
      `${state.count} more escalations from web chats in ${DIGEST_WINDOW_MS / 60_000} minutes`,
    ],
    summary: [...lines, ...(more > 0 ? [`…and ${more} more`] : [])].join('\n'),
    customer: { id: `${state.count} web chat customers` },
    submittedAt: state.items[0]?.at ?? now,
    expectedResolutionAt: null,
    locale: 'en',
    intent: null,
    transcript: [],
    links: { conversation: '/api/v1/escalations' },
  }
}

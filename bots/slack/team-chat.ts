import type { SendResult } from '../../src/channels/types'
import { networkFailure } from '../../src/lib/failure'
import { apiBase } from '../../src/lib/http'
import { classifyAnswer, postUnredirected } from '../../src/lib/http-answer'
import { TRANSIENT } from './format'
import { isRecord } from '../../src/lib/guards'

const DEFAULT_API_BASE = 'https://slack.com/api'
// A notice is posted while an admin or the alarm waits; a team chat is not worth 30 s.
const TIMEOUT_MS = 10_000

/** The settings a desk post reads: only the bot token. */
export interface SlackTeamEnv {
  SLACK_BOT_TOKEN?: string
  SLACK_API_BASE?: string
}

/**
 * Posts a message (`text` and blocks) to the agents' desk channel through the bot; its `ts` (the
 * thread agents reply in) or a classified failure. Never throws.
 */
export const postSlackTeamChat = async (
  fetcher: typeof fetch,
  env: SlackTeamEnv,
  channel: string,
  payload: { text: string; blocks: unknown[] },
  fallbackId: string,
  now: number
): Promise<SendResult> => {
  const token = env.SLACK_BOT_TOKEN
  if (!token) return { ok: false, retryable: false, reason: 'slack not configured' }
  const base = apiBase(env.SLACK_API_BASE, DEFAULT_API_BASE)
  const body = JSON.stringify({ channel, ...payload, unfurl_links: false })
  let res: Response
  try {
    res = await postUnredirected(
      fetcher,
      `${base}/chat.postMessage`,
      { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${token}` },
      body,
      TIMEOUT_MS
    )
  } catch (error) {
    return networkFailure(error)
  }
  if (res.status === 429 || res.status >= 500) return classifyAnswer(res, now, fallbackId)
  // chat.postMessage answers HTTP 200 with ok:false for most failures.
  const answer: unknown = await res.json().catch(() => null)
  if (isRecord(answer) && answer.ok === true && typeof answer.ts === 'string') {
    return { ok: true, externalId: answer.ts }
  }
  const error =
    isRecord(answer) && typeof answer.error === 'string' ? answer.error : `HTTP ${res.status}`
  return { ok: false, retryable: TRANSIENT.has(error), reason: `slack: ${error}` }
}

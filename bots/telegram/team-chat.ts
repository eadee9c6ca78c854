import type { SendResult } from '../../src/channels/types'
import type { Failure } from '../../src/lib/failure'
import { networkFailure } from '../../src/lib/failure'
import { apiBase, postJson, redactSecret } from '../../src/lib/http'
import { classify } from './format'
import { isRecord } from '../../src/lib/guards'

const DEFAULT_API_BASE = 'https://api.telegram.org'
// A notice is posted while an admin or the alarm waits; a team chat is not worth 30 s.
const TIMEOUT_MS = 10_000

/** The settings a team post reads: only the bot token (no webhook: the bot need not take customers). */
export interface TelegramTeamEnv {
  TELEGRAM_BOT_TOKEN?: string
  TELEGRAM_API_BASE?: string
}

const teamFailure = (status: number, body: unknown): Failure => {
  const failure = classify(status, body)
  // A group upgraded to a supergroup gets a new id; name it so the admin can fix the config.
  const migrated =
    isRecord(body) && isRecord(body.parameters) ? body.parameters.migrate_to_chat_id : undefined
  return typeof migrated === 'number'
    ? { ...failure, reason: `${failure.reason} (new chat id ${migrated})` }
    : failure
}

/**
 * Posts `html` (`parse_mode: 'HTML'`, at most 4096 characters) to a team's group chat through the
 * bot; the sent message id, else `fallbackId`, or a classified failure. Never throws.
 */
export const postTelegramTeamChat = async (
  fetcher: typeof fetch,
  env: TelegramTeamEnv,
  chatId: string,
  html: string,
  fallbackId: string
): Promise<SendResult> => {
  const token = env.TELEGRAM_BOT_TOKEN
  if (!token) return { ok: false, retryable: false, reason: 'telegram not configured' }
  const base = apiBase(env.TELEGRAM_API_BASE, DEFAULT_API_BASE)
  const payload = {
    chat_id: chatId,
    text: html,
    parse_mode: 'HTML',
    disable_web_page_preview: true,
  }
  const res = await postJson(fetcher, `${base}/bot${token}/sendMessage`, payload, {}, TIMEOUT_MS)
  // The token is part of the URL: a reason that quotes it must not reach the stored notice.
  if ('error' in res) return redactSecret(networkFailure(res.error), token)
  // A body that is not JSON (a proxy's error page) is null: classified by status alone.
  const json = res.body
  if (res.ok && isRecord(json) && json.ok === true) {
    const result = isRecord(json.result) ? json.result : {}
    const id = result.message_id
    return { ok: true, externalId: typeof id === 'number' ? String(id) : fallbackId }
  }
  return redactSecret(teamFailure(res.status, json), token)
}

import { deliver } from '../notify/deliver'
import { readNotifyConfig } from '../notify/store'
import type { NotifyTarget, Team } from '../notify/types'
import { INBOX_NAME } from '../inbox/protocol'
import { recordDeskThread } from '../team-threads/team-threads'
import { isAnonymous } from './budget'
import type { Shell } from './shell'
import { readState } from './state'
import { clearTimer, type Timer } from './timers'
import { listMessages } from './transcript'

/** Attempts after which a team notification is given up (about a day of backoff). */
const MAX_NOTIFY_ATTEMPTS = 12

/**
 * Delivers one team notification to every target configured for the team, remembering which
 * targets already have it so a retry never notifies a target twice.
 */
export const deliverNotification = async (shell: Shell, timer: Timer): Promise<void> => {
  const { sql } = shell
  const id = timer.payload ?? ''
  const row = sql
    .exec<{
      team: string
      level: number
      reasons: string
      summary: string
      status: string
      delivered: string
      attempts: number
      created_at: number
    }>(
      'SELECT team, level, reasons, summary, status, delivered, attempts, created_at FROM notifications WHERE id = ?',
      id
    )
    .toArray()[0]
  const state = readState(sql)
  if (!row || row.status !== 'pending' || !state) {
    clearTimer(sql, timer.id)
    return
  }
  const config = await readNotifyConfig(shell.env.CONFIG)
  // The row's team is whatever was stored; a team the settings no longer know has no targets.
  const teams: Partial<Record<string, readonly NotifyTarget[]>> = config.teams
  const targets = teams[row.team] ?? []
  const now = shell.now()
  if (targets.length === 0) {
    sql.exec(
      "UPDATE notifications SET status = 'no_target', error = 'no target configured for this team', updated_at = ? WHERE id = ?",
      now,
      id
    )
    clearTimer(sql, timer.id)
    return
  }
  const transcript = listMessages(sql, { limit: 20 }).messages.map((m) => ({
    direction: m.direction,
    author: m.author === 'agent' ? `agent:${m.agent ?? ''}` : m.author,
    text: m.text,
    at: m.at,
  }))
  const notice = {
    deliveryId: id,
    conversationKey: state.key,
    channel: state.channel,
    level: row.level as 1 | 2,
    team: row.team as Team,
    reasons: JSON.parse(row.reasons) as string[],
    summary: row.summary,
    customer: state.customer,
    submittedAt: row.created_at,
    expectedResolutionAt: state.escalation?.expectedResolutionAt ?? null,
    locale: state.locale,
    intent: state.intent,
    transcript,
    links: { conversation: `/api/v1/conversations/${encodeURIComponent(state.key)}` },
  }
  const delivered = new Set(JSON.parse(row.delivered) as number[])
  // Anyone can open a web chat: a burst of escalations from them pages a team once, then digests.
  if (isAnonymous(state.channel) && row.attempts === 0 && delivered.size === 0) {
    const verdict = await shell.env.INBOX.getByName(INBOX_NAME).admitEscalation(row.team as Team, {
      key: state.key,
      level: notice.level,
      reasons: notice.reasons,
      summary: notice.summary.slice(0, 200),
      at: now,
    })
    if (verdict === 'digest') {
      sql.exec(
        "UPDATE notifications SET status = 'digested', error = NULL, updated_at = ? WHERE id = ?",
        now,
        id
      )
      clearTimer(sql, timer.id)
      return
    }
  }
  const errors: string[] = []
  let retry = false
  for (const [index, target] of targets.entries()) {
    if (delivered.has(index)) continue
    const result = await deliver(
      target,
      { ...notice, deliveryId: `${id}:${index}` },
      { env: shell.env, now }
    )
    if (result.ok && target.kind === 'slack-desk') {
      await recordDeskThread(shell.env.DB, target.channel, result.externalId, state.key, now)
    }
    if (result.ok) delivered.add(index)
    else {
      errors.push(`${target.kind}#${index}: ${result.reason}`)
      retry ||= result.retryable
    }
  }
  const attempts = row.attempts + 1
  const done = delivered.size === targets.length
  const giveUp = !done && (!retry || attempts >= MAX_NOTIFY_ATTEMPTS)
  sql.exec(
    'UPDATE notifications SET status = ?, delivered = ?, attempts = ?, error = ?, updated_at = ? WHERE id = ?',
    done ? 'delivered' : giveUp ? 'failed' : 'pending',
    JSON.stringify([...delivered]),
    attempts,
    errors.join('; ') || null,
    now,
    id
  )
  if (done || giveUp) {
    clearTimer(sql, timer.id)
    return
  }
  sql.exec(
    'UPDATE timers SET attempts = ?, due_at = ? WHERE id = ?',
    attempts,
    now + Math.min(2 ** attempts * 1000, 3600_000),
    timer.id
  )
}

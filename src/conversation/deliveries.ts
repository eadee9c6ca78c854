import { getAdapter } from '../../bots'
import { recordDeskThread } from '../team-threads/team-threads'
import { deliver } from '../notify/deliver'
import { readNotifyConfig } from '../notify/store'
import type { Team } from '../notify/types'
import { nextDue } from '../sla/engine'
import { planAfterSend } from './retry'
import { readState, writeState } from './state'
import { INBOX_NAME } from '../inbox/protocol'
import { redLinesDoc } from '../qa/red-lines'
import { rubricDoc } from '../qa/rubric'
import { sampleForReview } from '../qa/sample'
import { scoreCase } from '../qa/score'
import { publishToInbox } from '../inbox/publish'
import { ANONYMOUS_CHANNELS } from './budget'
import { searchTextOf, summarize, writeSummary } from './summary'
import { clearTimer, setTimer, type Timer } from './timers'
import { listMessages, markAttempt, markSent, markUnknown, nextQueued } from './transcript'

/** What the alarm's workers need from the object. */
export interface Shell {
  sql: SqlStorage
  env: Env
  now(): number
  broadcast(id: number): void
}

/** Sends queued replies in order; a retryable failure holds the queue so order is kept. */
export const drainOutbox = async (shell: Shell): Promise<void> => {
  const { sql } = shell
  const state = readState(sql)
  if (!state) {
    // Replies without a conversation can't be addressed: failed for good, or the alarm would find them due forever.
    sql.exec(
      "UPDATE messages SET status = 'failed', error = 'no conversation state' WHERE direction = 'out' AND status = 'queued'"
    )
    clearTimer(sql, 'outbox')
    return
  }
  const adapter = getAdapter(state.channel, shell.env)
  for (;;) {
    // Re-read each time: replies queued while we awaited the platform join the same drain.
    const message = nextQueued(sql)
    if (!message) break
    if (!adapter) {
      markAttempt(sql, message.id, 'channel_not_configured', true)
      shell.broadcast(message.id)
      continue
    }
    const live = readState(sql) ?? state
    const result = await adapter
      .send({
        to: {
          channel: state.channel,
          conversationKey: state.key,
          ...(live.replyHandle
            ? { replyHandle: live.replyHandle.value, replyHandleAt: live.replyHandle.at }
            : {}),
        },
        text: message.text,
        buttons: message.buttons,
        idempotencyKey: String(message.id),
        template: message.template,
        now: shell.now(),
        lastInboundAt: live.lastInboundAt,
      })
      .catch((err: unknown) => ({
        ok: false as const,
        retryable: true,
        reason: `send threw: ${String(err)}`,
      }))
    const now = shell.now()
    const plan = planAfterSend(
      result,
      (message.attempts ?? 0) + 1,
      message.at,
      now,
      adapter?.dedupesSends === true
    )
    if (plan.action === 'retry') {
      markAttempt(sql, message.id, plan.error, false)
      setTimer(sql, { id: 'outbox', kind: 'outbox', dueAt: plan.at }, true)
      return indexNow(shell)
    }
    if (plan.action === 'sent') {
      markSent(sql, message.id, plan.platformId, now)
      // Reply tokens are single-use: the next message goes out another way.
      const latest = result.ok && result.usedReplyHandle ? readState(sql) : null
      if (latest) writeState(sql, { ...latest, replyHandle: null })
    } else {
      markAttempt(sql, message.id, plan.error, true)
      if (plan.action === 'unknown') markUnknown(sql, message.id)
    }
    shell.broadcast(message.id)
  }
  clearTimer(sql, 'outbox')
  return indexNow(shell)
}

/**
 * Writes the index row right away from the alarm that just changed the transcript, instead of
 * through a timer row of its own (timer rows are billed writes); a D1 failure falls back to the
 * timer, which retries.
 */
const indexNow = async (shell: Shell): Promise<void> => {
  try {
    await writeIndex(shell)
  } catch (err) {
    console.error('index write failed; retrying through a timer', err)
    setTimer(shell.sql, { id: 'index', kind: 'index', dueAt: shell.now() })
  }
}

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
  const targets = config.teams[row.team as Team] ?? []
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
  if (ANONYMOUS_CHANNELS.has(state.channel) && row.attempts === 0 && delivered.size === 0) {
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

/** Writes the conversation's summary row to the D1 index (after its state committed). */
export const writeIndex = async (shell: Shell): Promise<void> => {
  const state = readState(shell.sql)
  if (state) {
    const recent = listMessages(shell.sql, { limit: 30 }).messages
    const last = recent.at(-1)
    const failed =
      shell.sql
        .exec<{ n: number }>("SELECT COUNT(*) AS n FROM messages WHERE status = 'failed'")
        .toArray()[0]?.n ?? 0
    const search = searchTextOf(
      state,
      recent.filter((m) => m.direction === 'in')
    )
    const summary = summarize(state, last, failed, nextDue(state.sla), search)
    await writeSummary(shell.env.DB, summary)
    await publishToInbox(shell.env, summary)
  }
  clearTimer(shell.sql, 'index')
}

/** Archives the current case (problem, solution, rating) to the D1 knowledge table; idempotent. */
export const writeCase = async (shell: Shell): Promise<void> => {
  const state = readState(shell.sql)
  const c = state?.case
  if (state && c?.resolvedAt) {
    // The automatic inspection of this case: its own messages and SLA events only.
    const [redLines, weights] = await Promise.all([
      redLinesDoc.read(shell.env.CONFIG),
      rubricDoc.read(shell.env.CONFIG),
    ])
    const messages = listMessages(shell.sql, { limit: 200 }).messages.filter(
      (m) => m.at >= c.openedAt && m.at <= (c.resolvedAt ?? m.at)
    )
    const score = scoreCase(
      messages,
      state.slaLog.filter((e) => e.at >= c.openedAt),
      redLines,
      weights
    )
    const rating = state.survey?.caseId === c.id ? state.survey.rating : null
    const hits = (score.bot?.redLines.length ?? 0) + (score.human?.redLines.length ?? 0)
    const sampled = sampleForReview(c.id, { redLines: hits, rating }, weights.sampleShare)
    await shell.env.DB.prepare(
      `INSERT INTO cases (id, conversation_key, channel, category, level, problem, solution, handler, opened_at, resolved_at, resolve_ms, rating, comment, qa_score, qa_detail, review_state)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
       ON CONFLICT (id) DO UPDATE SET solution = excluded.solution, rating = excluded.rating, comment = excluded.comment,
         level = excluded.level, handler = excluded.handler, qa_score = excluded.qa_score, qa_detail = excluded.qa_detail,
         review_state = COALESCE(cases.review_state, excluded.review_state)`
    )
      .bind(
        c.id,
        state.key,
        state.channel,
        state.intent,
        state.escalation?.level ?? state.level,
        c.problem ?? '(no text)',
        c.solution,
        c.handler,
        c.openedAt,
        c.resolvedAt,
        c.resolvedAt - c.openedAt,
        state.survey?.caseId === c.id ? state.survey.rating : null,
        state.survey?.caseId === c.id ? state.survey.comment : null,
        score.total,
        JSON.stringify(score),
        sampled ? 'queued' : null
      )
      .run()
  }
  clearTimer(shell.sql, 'case')
}

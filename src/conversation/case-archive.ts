import { redLinesDoc } from '../qa/red-lines'
import { rubricDoc } from '../qa/rubric'
import { sampleForReview } from '../qa/sample'
import { scoreCase } from '../qa/score'
import { archiveCase } from '../tables/cases'
import type { Shell } from './shell'
import { markWritten, readState } from './state'
import { clearTimer } from './timers'
import { listMessages } from './transcript'

/**
 * Archives the current case (problem, solution, rating) to the D1 knowledge table; idempotent.
 * `keepTimer`: the work was derived from the state row, so there is no `case` timer to clear.
 */
export const writeCase = async (shell: Shell, keepTimer = false): Promise<void> => {
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
    const survey = state.survey?.caseId === c.id ? state.survey : null
    const hits = (score.bot?.redLines.length ?? 0) + (score.human?.redLines.length ?? 0)
    const sampled = sampleForReview(
      c.id,
      { redLines: hits, rating: survey?.rating ?? null },
      weights.sampleShare
    )
    await archiveCase(shell.env.DB, {
      id: c.id,
      conversationKey: state.key,
      channel: state.channel,
      category: state.intent,
      level: state.escalation?.level ?? state.level,
      problem: c.problem ?? '(no text)',
      solution: c.solution,
      handler: c.handler,
      openedAt: c.openedAt,
      resolvedAt: c.resolvedAt,
      resolveMs: c.resolvedAt - c.openedAt,
      rating: survey?.rating ?? null,
      comment: survey?.comment ?? null,
      qaScore: score.total,
      qa: score,
      reviewState: sampled ? 'queued' : null,
    })
  }
  if (state) markWritten(state, 'case')
  if (!keepTimer) clearTimer(shell.sql, 'case')
}

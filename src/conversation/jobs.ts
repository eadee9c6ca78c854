import { getAdapter } from '../../bots'
import { fileStore } from '../files/store'
import { newTicketId } from '../tickets/draft'
import { applyOutcome } from './apply'
import type { Shell } from './shell'
import { serveFileProblems } from './file-steps'
import { fetchAttachments, giveUp, MEDIA_ATTEMPTS } from './media'
import { outcome, type Outcome } from './outcome'
import { readState, transact, writeState } from './state'
import { serveTicketOpened } from './ticket-steps'
import { openWantedTicket, promisedResolution } from './ticket-open'
import { clearTimer, retryTimer, type Timer } from './timers'
import { readAttachments, saveAttachments } from './transcript'
import type { ConversationState } from './types'
import { worldAt, type World } from './world'

/** What the object lends a timer job that decides as well as does I/O: its storage and its world. */
export interface JobHost extends Shell {
  storage: DurableObjectStorage
  world(): Promise<Omit<World, 'now'>>
}

/** Fetches a message's files into R2; the customer is told about any that could not be taken. */
export const collectMedia = async (host: JobHost, timer: Timer): Promise<void> => {
  const { sql } = host
  const seq = Number(timer.payload)
  const state = readState(sql)
  const list = readAttachments(sql, seq)
  if (!state || !list) {
    clearTimer(sql, timer.id)
    return
  }
  const round = await fetchAttachments(
    {
      adapter: getAdapter(state.channel, host.env),
      files: fileStore(host.env.DB, host.env.FILES),
      key: state.key,
      seq,
      attempts: timer.attempts,
      now: host.now(),
    },
    list
  ).catch((err: unknown) => {
    // R2 or D1 failing: the alarm retries the round with backoff, but not forever (the customer is asked to resend).
    if (timer.attempts + 1 < MEDIA_ATTEMPTS) throw err
    return giveUp(list, `storing failed: ${String(err)}`)
  })
  const world = round.problems.length > 0 ? await host.world() : null
  const now = host.now()
  transact(host.storage, host.sql, () => {
    saveAttachments(sql, seq, round.attachments)
    if (round.retryAt === null) clearTimer(sql, timer.id)
    else retryTimer(sql, timer.id, round.retryAt)
    const latest = readState(sql)
    if (world && latest)
      applyOutcome(sql, serveFileProblems(latest, round.problems, worldAt(world, now)), now, latest)
  })
  host.broadcast(seq)
}

/** Opens the work order a flow step asked for; the customer is asked for what is missing or told its number. */
export const openFlowTicket = async (host: JobHost, timer: Timer): Promise<void> => {
  const { sql } = host
  let state = readState(sql)
  const wanted = state?.ticketWanted
  if (!state || !wanted) {
    clearTimer(sql, timer.id)
    return
  }
  if (!wanted.id) {
    // The number is chosen once and kept before D1 sees it: a job retried after a crash finds its own row.
    state = { ...state, ticketWanted: { ...wanted, id: newTicketId() } }
    writeState(sql, state)
  }
  const world = await host.world()
  const now = host.now()
  // A D1 failure throws here: the alarm retries with backoff and the request stays in the state.
  const opened = await openWantedTicket(host.env, state, worldAt(world, now))
  const asked = state
  transact(host.storage, host.sql, () => {
    const latest = readState(sql)
    if (!latest?.ticketWanted) {
      clearTimer(sql, timer.id)
      return
    }
    if (opened.kind === 'taken') {
      // Another conversation's ticket has this number: the timer stays due and the next round picks another.
      const { id: _, ...rest } = latest.ticketWanted
      writeState(sql, { ...latest, ticketWanted: rest })
      return
    }
    clearTimer(sql, timer.id)
    // Only the request this job opened is cleared; one for another category made meanwhile stays.
    const cleared =
      latest.ticketWanted.category === asked.ticketWanted?.category
        ? { ...latest, ticketWanted: null }
        : latest
    const served =
      opened.kind === 'opened'
        ? serveTicketOpened(cleared, opened.watch, worldAt(world, now), {
            byFlow: true,
            promised: promisedResolution(asked),
          })
        : outcome(cleared)
    applyOutcome(sql, served, now, latest)
  })
}

/** A timer the service decides on (SLA, reminder, ticket): cleared and its outcome applied at once. */
export const serveTimer = async (
  host: JobHost,
  timer: Timer,
  run: (state: ConversationState, world: World) => Outcome
): Promise<void> => {
  const { sql } = host
  if (!readState(sql)) {
    clearTimer(sql, timer.id)
    return
  }
  const world = await host.world()
  const now = host.now()
  const state = readState(sql) as ConversationState
  transact(host.storage, host.sql, () => {
    clearTimer(sql, timer.id)
    applyOutcome(sql, run(state, worldAt(world, now)), now, state)
  })
}

/** Tells the platform a button press was received (the spinner on the customer's button stops). */
export const acknowledgeAction = async (host: JobHost, timer: Timer): Promise<void> => {
  const state = readState(host.sql)
  const adapter = state ? getAdapter(state.channel, host.env) : null
  if (adapter?.acknowledge && timer.payload) {
    const result = await adapter.acknowledge(timer.payload)
    // Button acks are cosmetic and expire quickly on the platform: a few retries, then let go.
    if (!result.ok && result.retryable && timer.attempts < 3) throw new Error(result.reason)
  }
  clearTimer(host.sql, timer.id)
}

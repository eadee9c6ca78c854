import { getAdapter } from '../../bots'
import { fileStore } from '../files/store'
import { applyOutcome } from './apply'
import type { Shell } from './deliveries'
import { serveFileProblems } from './file-steps'
import { fetchAttachments } from './media'
import { outcome } from './outcome'
import { readState } from './state'
import { serveTicketOpened } from './ticket-steps'
import { openWantedTicket, promisedResolution } from './ticket-open'
import { clearTimer, retryTimer, type Timer } from './timers'
import { readAttachments, saveAttachments } from './transcript'
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
  if (!state || !list) return clearTimer(sql, timer.id)
  const round = await fetchAttachments(
    { adapter: getAdapter(state.channel, host.env), files: fileStore(host.env.DB, host.env.FILES), key: state.key, seq, attempts: timer.attempts, now: host.now() },
    list
  )
  const world = round.problems.length > 0 ? await host.world() : null
  const now = host.now()
  host.storage.transactionSync(() => {
    saveAttachments(sql, seq, round.attachments)
    if (round.retryAt === null) clearTimer(sql, timer.id)
    else retryTimer(sql, timer.id, round.retryAt)
    const latest = readState(sql)
    if (world && latest) applyOutcome(sql, serveFileProblems(latest, round.problems, worldAt(world, now)), now, latest)
  })
  host.broadcast(seq)
}

/** Opens the work order a flow step asked for; the customer is asked for what is missing or told its number. */
export const openFlowTicket = async (host: JobHost, timer: Timer): Promise<void> => {
  const { sql } = host
  const state = readState(sql)
  if (!state?.ticketWanted) return clearTimer(sql, timer.id)
  const world = await host.world()
  const now = host.now()
  // A D1 failure throws here: the alarm retries with backoff and the request stays in the state.
  const watch = await openWantedTicket(host.env, state, worldAt(world, now))
  host.storage.transactionSync(() => {
    clearTimer(sql, timer.id)
    const latest = readState(sql)
    if (!latest) return
    const cleared = { ...latest, ticketWanted: null }
    applyOutcome(sql, watch ? serveTicketOpened(cleared, watch, worldAt(world, now), { byFlow: true, promised: promisedResolution(state) }) : outcome(cleared), now, latest)
  })
}

import type { Channel } from '../channels/types'
import { applyOutcome } from './apply'
import type { JobHost } from './jobs'
import type { LoadedWorld } from './load-world'
import type { Outcome } from './outcome'
import { initialState, readState, transact } from './state'
import { armAlarm } from './timers'
import type { ConversationState } from './types'
import { worldAt, type World } from './world'

/** A command: its decision, what its caller gets back, and the hooks a few commands need. */
export interface Command<T> {
  run: (state: ConversationState, world: World) => Outcome
  result: (outcome: Outcome, ids: number[]) => T
  /** A conversation the command may start (an order event before the customer ever wrote). */
  create?: { key: string; channel: Channel; customerId: string }
  /** Inside the transaction, with the ids of the queued replies. */
  after?: (ids: number[]) => void
  /** Checked inside the transaction: true drops the command (a redelivery that raced this one). */
  skip?: () => boolean
}

/** What running a command needs of the object: its storage, clock and world (with the pins). */
export interface CommandHost extends JobHost {
  load(): Promise<LoadedWorld>
}

/**
 * Runs a command on a stored conversation (or one it starts): the decision on the state and
 * world at one instant, its outcome applied in one transaction, the alarm re-armed.
 */
export const runCommand = async <T>(host: CommandHost, command: Command<T>): Promise<T> => {
  const { sql } = host
  const { pins, world } = await host.load()
  const now = host.now()
  const { create } = command
  const state =
    readState(sql) ??
    initialState(
      create?.key ?? '',
      create?.channel ?? 'webchat',
      { id: create?.customerId ?? '' },
      now
    )
  const outcome = command.run(state.pins ? state : { ...state, pins }, worldAt(world, now))
  const ids = transact(host.storage, sql, () => {
    if (command.skip?.()) return []
    const written = applyOutcome(sql, outcome, now, state)
    command.after?.(written)
    return written
  })
  await armAlarm(host.storage)
  return command.result(outcome, ids)
}

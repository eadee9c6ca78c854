/**
 * The Worker as the tests run it (vitest.config.ts points `main` here): the production entry, with
 * the conversation object on a test clock. Production code has no clock hooks; this subclass is
 * the only place they live.
 */
import { Conversation as ProductionConversation } from '../src/conversation/conversation'

export { default, InboxHub, SyncCursor } from '../src/index'

/** The test config's binding that puts every conversation's clock ahead of wall time. */
export type TestClockEnv = Env & { TEST_CLOCK_OFFSET_MS?: string }

/**
 * The conversation object with a movable clock: wall time, plus the test config's offset (ten
 * years, so alarms never fire on their own: tests drive them), plus this instance's own skew.
 */
export class Conversation extends ProductionConversation {
  /** Milliseconds added to this object's clock (set through runInDurableObject; lost on eviction). */
  skewMs = 0

  /** The object's clock as the tests see and move it. */
  override now(): number {
    return super.now() + Number((this.env as TestClockEnv).TEST_CLOCK_OFFSET_MS ?? 0) + this.skewMs
  }
}

import { serve } from './app'
import { purgeAudit, retentionDays } from './audit/log'

export { Conversation } from './conversation/conversation'
export { SyncCursor } from './pull-cursor/pull-cursor'
export { InboxHub } from './inbox/inbox-hub'

/** The Worker entry: the Hono apps handle every request (see `serve`); the daily cron purges old audit entries. */
export default {
  fetch: serve,
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(
      purgeAudit(env.DB, Date.now(), retentionDays(env.AUDIT_RETENTION_DAYS)).then((n) =>
        console.log(`audit: purged ${n} entries`)
      )
    )
  },
} satisfies ExportedHandler<Env>

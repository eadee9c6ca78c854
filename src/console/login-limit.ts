/** Failed sign-ins allowed per email and per client address in one window. */
export const MAX_LOGIN_FAILURES = 5

/** The window failed sign-ins are counted in. */
export const LOGIN_WINDOW_MS = 15 * 60_000

interface Row {
  failures: number
  window_start: number
}

/** Counts failed sign-ins in D1, so the limit holds across isolates. */
export const loginLimit = (db: D1Database) => ({
  /** Milliseconds until any of these subjects may try again; 0 when none is locked. */
  async retryAfter(subjects: string[], now: number): Promise<number> {
    let wait = 0
    for (const subject of subjects) {
      const row = await db
        .prepare('SELECT failures, window_start FROM login_failures WHERE subject = ?1')
        .bind(subject)
        .first<Row>()
      if (row && row.failures >= MAX_LOGIN_FAILURES && row.window_start + LOGIN_WINDOW_MS > now) {
        wait = Math.max(wait, row.window_start + LOGIN_WINDOW_MS - now)
      }
    }
    return wait
  },

  /** Records one failure against each subject, starting a new window when the old one ended. */
  async fail(subjects: string[], now: number): Promise<void> {
    await db.batch(
      subjects.map((subject) =>
        db
          .prepare(
            `INSERT INTO login_failures (subject, failures, window_start) VALUES (?1, 1, ?2)
             ON CONFLICT (subject) DO UPDATE SET
               failures = CASE WHEN window_start + ?3 <= ?2 THEN 1 ELSE failures + 1 END,
               window_start = CASE WHEN window_start + ?3 <= ?2 THEN ?2 ELSE window_start END`
          )
          .bind(subject, now, LOGIN_WINDOW_MS)
      )
    )
  },

  /** Clears the email's count after a successful sign-in. */
  async clear(subject: string): Promise<void> {
    await db.prepare('DELETE FROM login_failures WHERE subject = ?1').bind(subject).run()
  },
})

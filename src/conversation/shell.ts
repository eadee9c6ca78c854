/** What the alarm's workers need from the object. */
export interface Shell {
  sql: SqlStorage
  env: Env
  now(): number
  broadcast(id: number): void
}

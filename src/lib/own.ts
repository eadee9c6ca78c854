/**
 * A record's own entry for a key, never one inherited from Object's prototype: ids that come from
 * customers or platforms (`constructor`, `__proto__`, `toString`) must not find anything.
 */
export const own = <T>(
  record: Readonly<Record<string, T>> | undefined | null,
  key: string
): T | undefined => (record && Object.hasOwn(record, key) ? record[key] : undefined)

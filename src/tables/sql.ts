/** WHERE conditions (constant SQL, a `?` per value) and their values, numbered `?1`, `?2`… in order. */
export const conditions = () => {
  const parts: string[] = []
  const values: unknown[] = []
  const bind = (value: unknown): string => {
    values.push(value)
    return `?${String(values.length)}`
  }
  return {
    /** Adds a condition; each `?` in it takes the next of `bound`. */
    add(sql: string, ...bound: unknown[]) {
      let next = 0
      parts.push(sql.replace(/\?/g, () => bind(bound[next++])))
    },
    /** The placeholder for one more value (a LIMIT, say). */
    bind,
    where: () => (parts.length ? `WHERE ${parts.join(' AND ')}` : ''),
    values,
  }
}

/** Pure: a SELECT list that names each column by its field (`customer_name AS customerName`). */
export const selectList = <F extends string>(
  columns: Readonly<Record<F, string>>,
  fields: readonly F[]
): string => fields.map((f) => (columns[f] === f ? f : `${columns[f]} AS ${f}`)).join(', ')

/** Pure: JSON text from a column, or null when absent or unreadable. */
export const parseJsonColumn = (text: string | null): unknown => {
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

// Percentiles and reply matching.

export const percentile = (values, p) => {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

export const summarize = (values) => ({
  n: values.length,
  p50: percentile(values, 50),
  p99: percentile(values, 99),
  max: values.length ? Math.max(...values) : null,
})

export const round = (x, digits = 1) =>
  x === null || x === undefined || Number.isNaN(x)
    ? null
    : Math.round(x * 10 ** digits) / 10 ** digits

/**
 * Reply latency, matched by chat id and order: per chat, inbound sends and outbound platform calls
 * are merged by time; each platform call answers the oldest inbound of that chat still waiting.
 * A call with nobody waiting is an extra reply (a greeting before the answer) and is not counted.
 * Returns latencies (ms) and how many inbound messages got no reply at all.
 */
export const matchReplies = (sends, calls) => {
  const byChat = new Map()
  const slot = (chat) => {
    let s = byChat.get(chat)
    if (!s) byChat.set(chat, (s = { in: [], out: [] }))
    return s
  }
  for (const [chat, at] of sends) slot(String(chat)).in.push(at)
  for (const call of calls)
    if (call.method === 'sendMessage') slot(String(call.chatId)).out.push(call.at)
  const latencies = []
  let unanswered = 0
  let extra = 0
  for (const { in: ins, out } of byChat.values()) {
    ins.sort((a, b) => a - b)
    out.sort((a, b) => a - b)
    const waiting = []
    let i = 0
    for (const t of out) {
      while (i < ins.length && ins[i] <= t) waiting.push(ins[i++])
      const oldest = waiting.shift()
      if (oldest === undefined) extra++
      else latencies.push(t - oldest)
    }
    unanswered += waiting.length + (ins.length - i)
  }
  return { latencies, unanswered, extra }
}

import { writeFile } from 'node:fs/promises'
// A CPU profile of the Worker's isolate through workerd's DevTools inspector (Profiler domain),
// summarised as self time per function and per source area of the bundle.

/** Connects to the user worker's inspector target; returns { send, close }. */
const connect = async (inspectorUrl) => {
  const httpBase = inspectorUrl.replace(/^ws/, 'http').replace(/\/$/, '')
  const targets = await (await fetch(`${httpBase}/json/list`)).json()
  const target =
    targets.find(
      (t) =>
        /core:user/.test(t.id ?? t.title ?? '') || /core:user/.test(t.webSocketDebuggerUrl ?? '')
    ) ?? targets[0]
  if (!target) throw new Error('no inspector target')
  const ws = new WebSocket(target.webSocketDebuggerUrl)
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true })
    ws.addEventListener('error', () => reject(new Error('inspector websocket failed')), {
      once: true,
    })
  })
  let id = 0
  const waiting = new Map()
  ws.addEventListener('message', (event) => {
    const msg = JSON.parse(String(event.data))
    if (msg.id !== undefined && waiting.has(msg.id)) {
      const { resolve, reject } = waiting.get(msg.id)
      waiting.delete(msg.id)
      if (msg.error) reject(new Error(msg.error.message))
      else resolve(msg.result)
    }
  })
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const n = ++id
      waiting.set(n, { resolve, reject })
      ws.send(JSON.stringify({ id: n, method, params }))
    })
  return { send, close: () => ws.close(), target: target.id ?? target.title }
}

/** Where in the bundle a function lives: its src/ or bots/ module, or the package it came from. */
const areasByLine = (bundleLines) => {
  // esbuild writes `// src/conversation/state.ts` comments before each module's code.
  const out = new Array(bundleLines.length)
  let current = '(bundle)'
  bundleLines.forEach((text, l) => {
    const m = /^\/\/ (\S+\.(?:ts|js|mjs|cjs))$/.exec(text)
    if (m)
      current = m[1].replace(/^node_modules\//, 'npm:').replace(/^(npm:(?:@[^/]+\/)?[^/]+).*/, '$1')
    out[l] = current
  })
  return out
}

/** Profiles while `during()` runs; returns the top functions and areas by self time. */
export const profileWhile = async (
  inspectorUrl,
  bundleText,
  during,
  { intervalUs = 200, top = 15, rawFile } = {}
) => {
  const inspector = await connect(inspectorUrl)
  try {
    await inspector.send('Profiler.enable')
    await inspector.send('Profiler.setSamplingInterval', { interval: intervalUs })
    await inspector.send('Profiler.start')
    const extra = await during()
    const { profile } = await inspector.send('Profiler.stop')
    const areas = areasByLine(bundleText.split('\n'))
    const byId = new Map(profile.nodes.map((n) => [n.id, n]))
    const selfUs = new Map()
    const deltas = profile.timeDeltas ?? []
    // A sample's delta is the time since the previous one; when the thread was descheduled (two
    // cores, shared with the load generator) that gap lands on whatever ran next, and one
    // function showed 300 ms of "self time" from four samples. Capped at four intervals.
    const cap = intervalUs * 4
    profile.samples.forEach((nodeId, i) =>
      selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + Math.min(deltas[i] ?? 0, cap))
    )
    const total = [...selfUs.values()].reduce((a, b) => a + b, 0)
    const parent = new Map()
    for (const node of profile.nodes)
      for (const child of node.children ?? []) parent.set(child, node.id)
    const fn = new Map()
    const area = new Map()
    const nativeByCaller = new Map()
    for (const [nodeId, us] of selfUs) {
      const { callFrame } = byId.get(nodeId)
      const name = callFrame.functionName || '(anonymous)'
      const isBundle =
        callFrame.url &&
        !callFrame.url.startsWith('node:') &&
        callFrame.lineNumber >= 0 &&
        callFrame.scriptId !== '0'
      const where = ['(idle)', '(program)', '(garbage collector)', '(root)'].includes(name)
        ? name
        : isBundle
          ? (areas[callFrame.lineNumber] ?? '(bundle)')
          : '(native)'
      const key = `${name} @ ${where}`
      fn.set(key, (fn.get(key) ?? 0) + us)
      area.set(where, (area.get(where) ?? 0) + us)
      if (where === '(native)') {
        // Runtime calls (SQLite exec, URL, JSON...) charged to the JS function that made them.
        let p = parent.get(nodeId)
        let caller = '(root)'
        while (p !== undefined) {
          const frame = byId.get(p).callFrame
          if (frame.url && frame.lineNumber >= 0) {
            caller = `${frame.functionName || '(anonymous)'} @ ${areas[frame.lineNumber] ?? '(bundle)'}`
            break
          }
          p = parent.get(p)
        }
        const k = `${name} ← ${caller}`
        nativeByCaller.set(k, (nativeByCaller.get(k) ?? 0) + us)
      }
    }
    // Inclusive time: a function's own samples plus its callees', counted once per sample even
    // when it recurses; what a change to that function could save at most.
    const inclusive = new Map()
    for (const [nodeId, us] of selfUs) {
      const seen = new Set()
      for (let p = nodeId; p !== undefined; p = parent.get(p)) {
        const { callFrame } = byId.get(p)
        if (!callFrame.url || callFrame.lineNumber < 0) continue
        const key = `${callFrame.functionName || '(anonymous)'} @ ${areas[callFrame.lineNumber] ?? '(bundle)'}`
        if (seen.has(key)) continue
        seen.add(key)
        inclusive.set(key, (inclusive.get(key) ?? 0) + us)
      }
    }
    if (rawFile) await writeFile(rawFile, JSON.stringify(profile))
    const rank = (m) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([key, us]) => ({
          key,
          ms: Math.round(us / 100) / 10,
          share: Math.round((us / total) * 1000) / 10,
        }))
    return {
      sampledMs: Math.round(total / 1000),
      functions: rank(fn),
      areas: rank(area),
      nativeByCaller: rank(nativeByCaller),
      inclusive: rank(inclusive),
      extra,
    }
  } finally {
    inspector.close()
  }
}

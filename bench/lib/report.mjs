// The markdown summary (printed, and pasted into bench/README.md between the markers).
import { readFile, writeFile } from 'node:fs/promises'

const START = '<!-- bench:results:start -->'
const END = '<!-- bench:results:end -->'

const n = (x, digits = 1) =>
  x === null || x === undefined
    ? '–'
    : typeof x === 'number'
      ? x.toLocaleString('en-US', { maximumFractionDigits: digits })
      : String(x)
const pair = (a, b) => `${n(a)} / ${n(b)}`
const money = (x) =>
  x === null || x === undefined
    ? '–'
    : x >= 0.01
      ? `$${x.toFixed(2)}`
      : x === 0
        ? '$0'
        : `$${x.toPrecision(2)}`

export const renderMarkdown = (doc) => {
  const m = doc.machine
  const out = []
  out.push(`### Results ${doc.date}`)
  out.push('')
  const full = doc.scenarios?.fullPath?.['100 conversations']?.rps
  const minimal = doc.scenarios?.minimal?.['100 conversations']?.rps
  const dollars = doc.cost?.dollarsPerMillion
  if (full && minimal) {
    out.push(
      `**Headline: the full Telegram path runs at ${n(full / minimal, 2)} × the minimal ingest** (${n(full)} vs ${n(minimal)} req/s, 100 conversations)${dollars ? `; $${n(dollars.warm.total, 2)} per million warm messages, $${n(dollars.new.total, 2)} per million first messages` : ''}.`
    )
    out.push('')
  }
  out.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.os}; Node ${m.node}, workerd ${m.workerd} (miniflare ${m.miniflare}), autocannon ${m.autocannon}, esbuild ${m.esbuild}. Load average at start ${m.loadAverageAtStart.join(' / ')}. Whole run ${n(doc.durationSeconds, 0)} s; ${doc.config.connections} connections per closed-loop run, ${doc.config.seconds} s each.`
  )
  out.push('')

  const s = doc.scenarios
  const bareRps = s.bare?.rps
  const rows = []
  const row = (name, conv, r, minimalRps) => {
    if (!r) return
    if (r.error) return rows.push(`| ${name} | ${conv} | error: ${r.error} | | | | | | |`)
    const noisy =
      ((r.cpu?.otherProcessesCores ?? 0) > 0.5 ? ' ⚠' : '') +
      (r.runtimeExited
        ? ' (workerd exited mid-run)'
        : r.retriedAfterRuntimeExit
          ? ' (re-run: workerd exited)'
          : '')
    rows.push(
      `| ${name}${noisy} | ${conv} | ${n(r.rps)} | ${pair(r.ack?.p50, r.ack?.p99)} | ${r.reply ? `${pair(r.reply.p50, r.reply.p99)}${r.reply.unanswered ? ` (${n(r.reply.unanswered, 0)} unanswered)` : ''}` : '–'} | ${n(r.workerdCpuMsPerRequest, 2)} | ${n(r.cpu?.otherProcessesCores, 2)} | ${bareRps ? n(r.rps / bareRps, 2) : '–'} | ${minimalRps ? n(r.rps / minimalRps, 2) : '–'} |`
    )
  }
  const minimal1 = s.minimal?.['1 conversation']?.rps
  const minimal100 = s.minimal?.['100 conversations']?.rps
  row('1 bare Hono route (ceiling)', '100', s.bare, minimal100)
  const minimalNew = s.minimal?.['new conversations']
  for (const [label, base] of [
    ['1 conversation', minimal1],
    ['100 conversations', minimal100],
  ])
    row('2 minimal ingest: secret, 1 RPC, 1 insert', label.split(' ')[0], s.minimal?.[label], base)
  if (minimalNew)
    row(
      '2 minimal ingest, 1 message per new conversation',
      `${n(minimalNew.requests, 0)} new`,
      minimalNew,
      minimalNew.rps
    )
  if (s.itty?.runs === false)
    rows.push(`| 3 same with itty-durable | – | cannot run: ${s.itty.reason} | | | | | | |`)
  else
    for (const [label, base] of [
      ['1 conversation', minimal1],
      ['100 conversations', minimal100],
    ])
      row('3 same with itty-durable', label.split(' ')[0], s.itty?.[label], base)
  const fp = s.fullPath ?? {}
  row('4 full Telegram path', '1', fp['1 conversation'], minimal1)
  row('4 full Telegram path', '100', fp['100 conversations'], minimal100)
  const manyKey = Object.keys(fp).find(
    (k) => /^\d+ conversations$/.test(k) && k !== '100 conversations'
  )
  if (manyKey) {
    const many = fp[manyKey]
    row(
      '4 full Telegram path, 1 message per new conversation',
      `${n(many.conversationsSent, 0)} new (of ${n(many.conversationsRequested, 0)})`,
      many,
      minimalNew?.rps ?? null
    )
  }
  const pacedKey = Object.keys(fp).find((k) => k.startsWith('paced'))
  if (pacedKey)
    row(
      `4 full Telegram path, open loop ${fp[pacedKey].offeredRate} msg/s`,
      '100',
      fp[pacedKey],
      null
    )
  if (fp.error) rows.push(`| 4 full Telegram path | – | error: ${fp.error} | | | | | | |`)

  out.push(
    '| scenario | conversations | req/s | ack p50 / p99 ms | reply p50 / p99 ms | workerd CPU ms/req | other procs (cores) | × bare | × minimal |'
  )
  out.push('|---|---|---|---|---|---|---|---|---|')
  out.push(...rows)
  out.push('')
  out.push(
    'Reply latency: webhook sent → `sendMessage` arriving at the Bot API stand-in, matched by chat id and order. "other procs" is CPU used meanwhile by processes that are not part of the bench (the machine is shared); ⚠ marks runs where that exceeded half a core, so they under-state what the runtime can do.'
  )
  out.push('')

  const t = doc.timers
  if (t && !t.error) {
    out.push(
      `**Timers** (scenario 5): ${n(t.conversationsIngested, 0)} of ${n(t.conversationsRequested, 0)} conversations ingested in ${n(t.ingestSeconds)} s (${n(t.ingestRps)} req/s), each with a first-response target of ${t.firstResponseSeconds} s, dues spread over ${n(t.duesSpanSeconds)} s.`
    )
    out.push('')
    out.push('| measured at | n | lateness p50 ms | p99 ms | max ms | never fired |')
    out.push('|---|---|---|---|---|---|')
    out.push(
      `| breach escalation reaching the stand-in | ${n(t.lateness.n, 0)} | ${n(t.lateness.p50, 0)} | ${n(t.lateness.p99, 0)} | ${n(t.lateness.max, 0)} | ${n(t.missed, 0)} |`
    )
    out.push(
      `| object clock (sla.events breached − dueAt, sample) | ${n(t.objectClock.n, 0)} | ${n(t.objectClock.p50, 0)} | ${n(t.objectClock.p99, 0)} | ${n(t.objectClock.max, 0)} | |`
    )
    out.push('')
    if (t.missed > 0) {
      out.push(
        `Never fired, by what the object recorded: ${Object.entries(t.missedKinds ?? {})
          .map(([k, v]) => `${k}: ${n(v, 0)}`)
          .join('; ')}.`
      )
      out.push('')
    }
  } else if (t?.error) {
    out.push(`**Timers**: error: ${t.error}`)
    out.push('')
  }

  const c = doc.cost
  if (c && !c.error) {
    const w = c.warm.perMessage
    const f = c.new.perMessage
    const dw = c.dollarsPerMillion.warm.lines
    const dn = c.dollarsPerMillion.new.lines
    out.push(
      `**Cost per message** (instrumented build, ${n(c.new.messages, 0)} new conversations then ${n(c.warm.messages, 0)} messages in them, ${doc.config.pacedRate} msg/s):`
    )
    out.push('')
    out.push(
      '| operation | per warm message | per first message | $ per million warm | $ per million first |'
    )
    out.push('|---|---|---|---|---|')
    const line = (label, a, b, key) =>
      out.push(
        `| ${label} | ${n(a, 2)} | ${n(b, 2)} | ${key ? money(dw[key].dollarsPerMillion) : ''} | ${key ? money(dn[key].dollarsPerMillion) : ''} |`
      )
    line('Worker requests', w.workerRequests, f.workerRequests, 'workersRequests')
    line(
      'workerd CPU ms (whole process: upper bound of billed CPU)',
      w.workerdCpuMs,
      f.workerdCpuMs,
      'workersCpuMs'
    )
    line('Durable Object calls made by the ingress', w.doCallsFromWorker, f.doCallsFromWorker)
    line(
      '… and by conversation objects (the inbox hub)',
      w.doCallsFromObjects,
      f.doCallsFromObjects
    )
    line(
      `Durable Object requests (${Object.entries(w.doRequestsByEntry)
        .map(([k, v]) => `${k.split('.').pop()} ${n(v, 2)}`)
        .join(', ')})`,
      w.doRequests,
      f.doRequests,
      'doRequests'
    )
    line(
      'Durable Object active ms: entry-point wall time (+ workerd CPU, billed at 128 MB)',
      w.doWallMs,
      f.doWallMs,
      'doDurationGbS'
    )
    line('SQLite statements', w.sqlExec, f.sqlExec)
    line('SQLite rows read', w.sqlRowsRead, f.sqlRowsRead, 'sqliteRowsRead')
    line(
      'SQLite rows written (+ setAlarm, billed as a row)',
      `${n(w.sqlRowsWritten, 2)} + ${n(w.setAlarm, 2)}`,
      `${n(f.sqlRowsWritten, 2)} + ${n(f.setAlarm, 2)}`,
      'sqliteRowsWritten'
    )
    line('KV reads', w.kvReads, f.kvReads, 'kvReads')
    line('D1 queries', w.d1Queries, f.d1Queries)
    line('D1 rows read', w.d1RowsRead, f.d1RowsRead, 'd1RowsRead')
    line('D1 rows written', w.d1RowsWritten, f.d1RowsWritten, 'd1RowsWritten')
    line(
      '… of which report rollups (case and order rows)',
      w.d1ReportRowsWritten,
      f.d1ReportRowsWritten
    )
    line('subrequests (Bot API calls)', w.subrequests, f.subrequests, 'subrequests')
    out.push(
      `| **total** | | | **${money(c.dollarsPerMillion.warm.total)}** | **${money(c.dollarsPerMillion.new.total)}** |`
    )
    out.push('')
    out.push(
      `Blended, 5 messages per conversation: ${money(c.dollarsPerMillion.blendedFiveMessagesPerConversation)} per million messages. Prices: \`bench/prices.mjs\` (Workers Paid list prices, checked ${doc.prices.checkedOn}; allowances ignored).`
    )
    out.push('')
    const top = c.warm.sqlByStatement.filter((x) => x.rowsWrittenPerMessage > 0).slice(0, 8)
    if (top.length) {
      out.push('SQLite rows written per warm message, by statement:')
      out.push('')
      out.push('| statement | runs | rows written |')
      out.push('|---|---|---|')
      for (const x of top)
        out.push(
          `| \`${x.statement.replace(/\|/g, '\\|').slice(0, 80)}\` | ${n(x.execsPerMessage, 2)} | ${n(x.rowsWrittenPerMessage, 2)} |`
        )
      out.push('')
    }
  } else if (c?.error) {
    out.push(`**Cost**: error: ${c.error}`)
    out.push('')
  }

  for (const [p, what] of [
    [doc.profile, 'full path, 100 conversations'],
    [doc.profileFirst, 'first messages of new conversations'],
  ]) {
    if (!p || p.error || !p.areas) continue
    out.push(
      `**Profile** of the Worker isolate (${what}, ${n(p.extra?.messages, 0)} messages, ${n(p.sampledMs, 0)} ms sampled), self time by module:`
    )
    out.push(
      ` ${p.areas
        .slice(0, 10)
        .map((a) => `${a.key} ${n(a.share)}%`)
        .join(' · ')}`
    )
    out.push('')
    if (p.nativeByCaller?.length) {
      out.push(
        `Runtime calls by caller: ${p.nativeByCaller
          .slice(0, 8)
          .map((f) => `\`${f.key}\` ${n(f.share)}%`)
          .join(' · ')}`
      )
      out.push('')
    }
    out.push(
      `Top functions: ${p.functions
        .filter((f) => !/^\((idle|program)\)/.test(f.key))
        .slice(0, 8)
        .map((f) => `\`${f.key}\` ${n(f.share)}%`)
        .join(' · ')}`
    )
    out.push('')
    if (p.inclusive?.length) {
      out.push(
        `Inclusive (self + callees): ${p.inclusive
          .slice(0, 8)
          .map((f) => `\`${f.key}\` ${n(f.share)}%`)
          .join(' · ')}`
      )
      out.push('')
    }
  }

  if (doc.notes?.length) {
    out.push(`Notes: ${doc.notes.join('; ')}.`)
    out.push('')
  }
  const consoles = [doc.console, doc.consoleLarge].filter((c) => c && !c.error)
  if (consoles.length) {
    out.push(
      '**Console and lists** (scenario 6): pages timed serially on a fresh worker with the index seeded; workerd CPU per request includes D1 (local SQLite).'
    )
    out.push('')
    out.push(
      '| conversations in D1 | inbox p50 / p99 ms | inbox CPU ms | inbox D1 queries / rows read | search p50 ms / rows read | unassigned rows p50 ms / rows read | API list p50 / p99 ms / rows read | /healthz p50 ms |'
    )
    out.push('|---|---|---|---|---|---|---|---|')
    const read = (r) =>
      r?.d1RowsReadPerRequest === undefined ? '' : ` / ${n(r.d1RowsReadPerRequest, 0)}`
    for (const c of consoles)
      out.push(
        `| ${n(c.conversations, 0)} | ${pair(c.inbox.p50, c.inbox.p99)} | ${n(c.inbox.workerdCpuMsPerRequest, 1)} | ${c.inbox.d1QueriesPerRequest === undefined ? '–' : `${n(c.inbox.d1QueriesPerRequest)} / ${n(c.inbox.d1RowsReadPerRequest, 0)}`} | ${n(c.search.p50)}${read(c.search)} | ${n(c.rows.p50)}${read(c.rows)} | ${c.api ? `${pair(c.api.p50, c.api.p99)}${read(c.api)}` : '–'} | ${n(c.baseline.p50)} |`
      )
    out.push('')
  }

  if (doc.targets?.length) {
    out.push('**Targets**')
    out.push('')
    out.push('| target | met | measured |')
    out.push('|---|---|---|')
    for (const t of doc.targets)
      out.push(
        `| ${t.target} | ${t.met ? 'yes' : '**no**'} | ${t.value}${!t.met && t.why ? `. ${t.why.replace(/\|/g, '\\|')}` : ''} |`
      )
    out.push('')
  }
  return out.join('\n')
}

/** Replaces the results section of bench/README.md (between the markers), keeping the rest. */
export const updateReadme = async (path, markdown) => {
  let text
  try {
    text = await readFile(path, 'utf8')
  } catch {
    text = `# Benchmarks\n\n## Latest results\n\n${START}\n${END}\n`
  }
  const block = `${START}\n${markdown}\n${END}`
  const next =
    text.includes(START) && text.includes(END)
      ? text.replace(new RegExp(`${START}[\\s\\S]*?${END}`), () => block)
      : `${text.trimEnd()}\n\n## Latest results\n\n${block}\n`
  await writeFile(path, next)
}

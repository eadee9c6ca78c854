// Held-out evaluation of the intent classifier: runs `understand` with the bundled flow and
// knowledge base over eval/utterances.json and prints accuracy per label, the confusions and the
// speed. Exits 1 below 95% overall or 85% for any label. `--json` prints the summary as JSON.
import { build } from 'esbuild'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = join(import.meta.dirname, '..')
const OVERALL_TARGET = 0.95
const LABEL_TARGET = 0.85

// Until the knowledge base module exists, the eval builds one from the training questions.
const knowledgeModule = 'src/knowledge/default-knowledge.ts'
const knowledgeExport = existsSync(join(root, knowledgeModule))
  ? `export { DEFAULT_KNOWLEDGE } from './${knowledgeModule}'`
  : 'export const DEFAULT_KNOWLEDGE = undefined'

const outdir = join(root, 'node_modules', '.cache', 'eval')
await mkdir(outdir, { recursive: true })
const outfile = join(outdir, `eval-${process.pid}.mjs`)
await build({
  absWorkingDir: root,
  stdin: {
    contents: [
      "export { understand, trainUnderstanding } from './src/flows/understand'",
      "export { DEFAULT_FLOW } from './src/flows/default-pack'",
      "export { KNOWLEDGE_EXAMPLES } from './src/flows/training/examples'",
      knowledgeExport,
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  logLevel: 'warning',
})
const lib = await import(pathToFileURL(outfile).href)
await rm(outfile, { force: true })

const knowledge = lib.DEFAULT_KNOWLEDGE ?? {
  version: 0,
  updatedAt: 'eval',
  entries: Object.entries(lib.KNOWLEDGE_EXAMPLES).map(([id, questions]) => ({
    id,
    title: { en: id },
    questions,
    answer: { en: id },
  })),
}
const flow = lib.DEFAULT_FLOW
const set = JSON.parse(await readFile(join(root, 'eval', 'utterances.json'), 'utf8'))

// Training time, cold, then the best of a few warm runs (the first run pays for JIT warm-up).
let t0 = performance.now()
const trained = lib.trainUnderstanding(flow, knowledge)
const trainCold = performance.now() - t0
let trainWarm = Infinity
for (let i = 0; i < 5; i++) {
  t0 = performance.now()
  lib.trainUnderstanding(flow, knowledge)
  trainWarm = Math.min(trainWarm, performance.now() - t0)
}

lib.understand(flow, knowledge, 'warm up the cache')
const results = []
t0 = performance.now()
for (const item of set) {
  const got = lib.understand(flow, knowledge, item.text)
  results.push({ ...item, got: got?.label ?? 'none', via: got?.via, confidence: got?.confidence })
}
const msPerMessage = (performance.now() - t0) / set.length

const byLabel = new Map()
for (const r of results) {
  const s = byLabel.get(r.label) ?? { n: 0, ok: 0 }
  s.n++
  if (r.got === r.label) s.ok++
  byLabel.set(r.label, s)
}
const confusions = new Map()
for (const r of results.filter((r) => r.got !== r.label)) {
  const key = `${r.label} -> ${r.got}`
  const c = confusions.get(key) ?? { count: 0, examples: [] }
  c.count++
  c.examples.push(r.text)
  confusions.set(key, c)
}
const correct = results.filter((r) => r.got === r.label).length
const overall = correct / results.length
const failing = [...byLabel].filter(([, s]) => s.ok / s.n < LABEL_TARGET).map(([l]) => l)
const pct = (x) => `${(100 * x).toFixed(1)}%`

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify({
      overall,
      labels: Object.fromEntries([...byLabel].map(([l, s]) => [l, s.ok / s.n])),
      confusions: Object.fromEntries(confusions),
      msPerMessage,
      trainCold,
      trainWarm,
    })
  )
} else {
  console.log(
    `eval: ${results.length} utterances, ${trained.examples} training phrases, ${trained.model.labels.length} labels, ${trained.model.features.size} features`
  )
  console.log('\nlabel                     accuracy   n')
  for (const [label, s] of [...byLabel].sort((a, b) => a[1].ok / a[1].n - b[1].ok / b[1].n)) {
    const mark = s.ok / s.n < LABEL_TARGET ? '  <-- below target' : ''
    console.log(
      `${label.padEnd(24)} ${pct(s.ok / s.n).padStart(8)} ${String(s.n).padStart(4)}${mark}`
    )
  }
  console.log('\nconfusions (expected -> got):')
  for (const [key, c] of [...confusions].sort((a, b) => b[1].count - a[1].count)) {
    console.log(`  ${key}  x${c.count}: ${c.examples.map((e) => JSON.stringify(e)).join(', ')}`)
  }
  console.log(`\noverall accuracy: ${pct(overall)} (${correct}/${results.length})`)
  console.log(
    `per message: ${(msPerMessage * 1000).toFixed(1)} µs; training: ${trainCold.toFixed(1)} ms cold, ${trainWarm.toFixed(1)} ms warm`
  )
}

const ok = overall >= OVERALL_TARGET && failing.length === 0
if (!ok) {
  console.error(
    `\nFAIL: overall ${pct(overall)} (target ${pct(OVERALL_TARGET)}), labels below ${pct(LABEL_TARGET)}: ${failing.join(', ') || 'none'}`
  )
}
process.exitCode = ok ? 0 : 1

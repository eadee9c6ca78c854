// Bundles the Worker entries with esbuild the way wrangler would: ESM, browser-like platform,
// the workerd/worker/browser export conditions, `cloudflare:*` left to the runtime.
import { build } from 'esbuild'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'

/** name -> entry, relative to the project root. */
export const ENTRIES = {
  real: 'src/index.ts',
  instrumented: 'bench/workers/instrumented.ts',
  bare: 'bench/workers/bare.ts',
  minimal: 'bench/workers/minimal.ts',
  itty: 'bench/workers/itty.ts',
}

/** Builds every entry into bench/.build/<name>.mjs; returns name -> { path, bytes }. */
export const buildAll = async (root) => {
  const outdir = join(root, 'bench', '.build')
  await mkdir(outdir, { recursive: true })
  const out = {}
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const outfile = join(outdir, `${name}.mjs`)
    const result = await build({
      absWorkingDir: root,
      entryPoints: [join(root, entry)],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['workerd', 'worker', 'browser'],
      external: ['cloudflare:*'],
      target: 'es2022',
      minify: false,
      sourcemap: false,
      metafile: true,
      logLevel: 'silent',
    })
    const bytes = Object.values(result.metafile.outputs)[0]?.bytes ?? 0
    out[name] = { path: outfile, bytes, warnings: result.warnings.length }
  }
  return out
}

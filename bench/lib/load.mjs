// Parent side of the load generator: forks lib/load-child.mjs, hands it one job, waits (bounded).
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const CHILD = fileURLToPath(new URL('./load-child.mjs', import.meta.url))

/** Live children, so the harness can kill them on the way out. */
export const liveChildren = new Set()

export const runLoad = (job, { hardLimitSeconds = 60 } = {}) =>
  new Promise((resolve, reject) => {
    const child = fork(CHILD, [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    })
    liveChildren.add(child)
    let settled = false
    const done = (fn, value) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      liveChildren.delete(child)
      if (child.exitCode === null) child.kill('SIGKILL')
      fn(value)
    }
    const timer = setTimeout(
      () => done(reject, new Error(`load generator exceeded ${hardLimitSeconds} s`)),
      hardLimitSeconds * 1000
    )
    child.on('message', (msg) =>
      msg.ok ? done(resolve, msg.result) : done(reject, new Error(msg.error))
    )
    child.on('exit', (code) =>
      done(reject, new Error(`load generator exited with ${code} before answering`))
    )
    child.on('error', (err) => done(reject, err))
    child.send(job)
  })

import { describe, expect, it } from 'vitest'
import { expectHouseRules } from './rules'
import { CLOCKS, SCENARIOS, said, type ClockPosition } from './scenarios'
import { conversation } from './script'

// Whole conversations as customers have them, at three times of day, asserted turn by turn and
// against the house rules; the full text of each is kept in golden/ for people to read (and any
// change to a reply shows up there in review).
describe('scripted conversations', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.id} (${scenario.locale}): ${scenario.covers}`, async () => {
      const parts: string[] = [`# ${scenario.id} (${scenario.locale}): ${scenario.covers}`]
      for (const at of Object.keys(CLOCKS) as ClockPosition[]) {
        const c = conversation({ at: CLOCKS[at] })
        let turn = 0
        const step: typeof said = (replies, expected) => {
          turn++
          try {
            said(replies, expected)
          } catch (error) {
            throw new Error(
              `${at}, turn ${turn}: ${error instanceof Error ? error.message : String(error)}\n${c.read()}`,
              { cause: error }
            )
          }
        }
        scenario.run(c, at, step)
        expectHouseRules(c.turns)
        parts.push(`\n## ${at} (${CLOCKS[at]} Asia/Shanghai)\n\n${c.read()}`)
      }
      await expect(`${parts.join('\n')}\n`).toMatchFileSnapshot(
        `./golden/${scenario.id}.${scenario.locale}.md`
      )
    })
  }
})

import { expect } from 'vitest'
import type { Turn } from './script'

const STAFFED_FROM = 9 * 60
const STAFFED_UNTIL = 23 * 60 + 30

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

// A time the bot names as a promise or an opening: "by 09:05 tomorrow", "今天 17:00 前", "明天 09:00 上班".
const TIMES = /(?<![\d-])(\d{2}:\d{2})(?![\d-])/g

/** Times a bot message names, without the staffed-hours label ("09:00-23:30"). */
export const namedTimes = (text: string): string[] =>
  [...text.matchAll(TIMES)].map((m) => m[1] as string)

const APOLOGY = /抱歉|对不起|sorry|apolog/i
const WHO = /Test Shop/

/**
 * The rules a shop owner reads every transcript against (issue: "a bot a shop can put live"):
 * the first reply says who is answering, no time named outside staffed hours or in the past,
 * a request for a person is no incident, the farewell and "anything else?" come once, nothing
 * said twice in a row, a promise is renewed only as an update, and never withdrawn.
 */
export const expectHouseRules = (turns: Turn[]): void => {
  const bot = turns.filter((t) => t.who === 'bot')
  const first = bot[0]
  if (first) expect(first.text, 'the first reply says who is answering').toMatch(WHO)

  for (const t of bot) {
    for (const time of namedTimes(t.text)) {
      const m = minutes(time)
      expect(
        m >= STAFFED_FROM && m <= STAFFED_UNTIL,
        `"${time}" in "${t.text}" is outside staffed hours`
      ).toBe(true)
    }
    // "by 09:05 today" / "今天 09:05 前" must still be ahead when it is said.
    for (const m of t.text.matchAll(/by (\d{2}:\d{2}) today|今天 (\d{2}:\d{2}) 前/g)) {
      const named = minutes((m[1] ?? m[2]) as string)
      expect(named > minutes(t.at), `"${m[0]}" said at ${t.at} has already passed`).toBe(true)
    }
    if (t.template === 'handoff' || t.template === 'handoff.offhours') {
      expect(t.text, 'asking for a person is not an incident').not.toMatch(APOLOGY)
    }
    expect(t.text, 'no placeholder left unrendered').not.toMatch(/\{\{|\}\}/)
  }

  const farewells = bot.filter((t) => t.template === 'farewell')
  expect(farewells.length, 'the farewell is said at most once').toBeLessThanOrEqual(1)
  const repeats = bot.filter((t, i) => i > 0 && t.text === bot[i - 1]?.text)
  expect(
    repeats.map((t) => t.text),
    'nothing said twice in a row'
  ).toEqual([])

  const updates = bot.filter((t) => t.template?.startsWith('promise.update'))
  const kinds = updates.map((t) => t.template?.replace('.offhours', ''))
  expect(new Set(kinds).size, 'a promise is renewed at most once per target').toBe(kinds.length)
  expect(
    bot.map((t) => t.template),
    'every bot message comes from a template the shop can edit'
  ).not.toContain(undefined)
}

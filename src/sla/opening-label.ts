import { DAY, toWall } from './zone-time'

const EN_DAYS = 'Sun Mon Tue Wed Thu Fri Sat'.split(' ')
const EN_MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')
const ZH_DAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/**
 * When humans are back, for a customer: `today at 17:00`, `tomorrow at 09:00`,
 * `Mon 3 Nov at 09:00` (zh: `今天 17:00`, `明天 09:00`, `11月3日（周一）09:00`), in `timeZone`.
 */
export const formatOpening = (t: number, now: number, locale: string, timeZone: string): string => {
  const wall = new Date(toWall(timeZone, t))
  const day = Math.floor(wall.getTime() / DAY)
  const nowWall = new Date(toWall(timeZone, now))
  const diff = day - Math.floor(nowWall.getTime() / DAY)
  const pad = (n: number) => String(n).padStart(2, '0')
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`
  const otherYear = wall.getUTCFullYear() !== nowWall.getUTCFullYear()
  const zh = /^zh\b/i.test(locale)
  if (zh) {
    if (diff === 0) return `今天 ${time}`
    if (diff === 1) return `明天 ${time}`
    const year = otherYear ? `${wall.getUTCFullYear()}年` : ''
    const weekday = ZH_DAYS[wall.getUTCDay()]
    return `${year}${wall.getUTCMonth() + 1}月${wall.getUTCDate()}日（${weekday}）${time}`
  }
  if (diff === 0) return `today at ${time}`
  if (diff === 1) return `tomorrow at ${time}`
  const year = otherYear ? ` ${wall.getUTCFullYear()}` : ''
  const date = `${wall.getUTCDate()} ${EN_MONTHS[wall.getUTCMonth()]}${year}`
  return `${EN_DAYS[wall.getUTCDay()]} ${date} at ${time}`
}

import { readEscalationRules } from '../escalation/store'
import { kvFlowStore } from '../flows/store'
import type { FlowPack, Pins } from '../flows/types'
import type { ShopSettings } from '../shop/settings'
import { readShopSettings } from '../shop/settings'
import type { BusinessHours } from '../sla/calendar'
import { staffedHoursLabel } from '../sla/hours-label'
import { targetMs, type SlaPolicy } from '../sla/policy'
import { slaPolicyDoc } from '../sla/policy-store'
import { readBusinessHours } from '../sla/settings-store'
import type { ServiceContext } from './say'
import type { World } from './world'

// Pins come from the (cached, frozen) state row, so most calls ask for the same object again;
// sorting a hundred template pins twice per message was 2% of the isolate's time.
const keys = new WeakMap<Pins, string>()

/** Pure: one string per set of pinned versions, to compare pins and key the pack cache. */
export const pinsKey = (pins: Pins): string => {
  const known = keys.get(pins)
  if (known !== undefined) return known
  const key = JSON.stringify([
    pins.flow,
    Object.entries(pins.templates).sort(([a], [b]) => a.localeCompare(b)),
    pins.knowledge ?? 0,
  ])
  // Only frozen pins can't change under the key.
  if (Object.isFrozen(pins)) keys.set(pins, key)
  return key
}

/**
 * Pure: the shop facts templates state, all from settings: the name and return days from the shop
 * settings, the staffed hours from the business hours, the reply time from the SLA policy.
 */
export const serviceContext = (
  shop: ShopSettings,
  calendar: BusinessHours,
  policy: SlaPolicy,
  fallbackName: string
): ServiceContext => ({
  shopName: shop.name ?? fallbackName,
  // Templates get reply times from the promise clock; this is what a clockless render says.
  replyMinutes: Math.max(
    1,
    Math.round((targetMs(policy, 'first_response', 'default', 0) ?? 300_000) / 60_000)
  ),
  hoursOpen: staffedHoursLabel(calendar) ?? '',
  returnDays: shop.returnDays,
})

/** Everything a decision depends on but the time, and the versions it was read at. */
export interface LoadedWorld {
  pins: Pins
  world: Omit<World, 'now'>
}

/**
 * Loads a conversation's world from KV: its pinned pack (or the current versions, for a new
 * conversation) and the cached settings. Keeps the last pack, so most calls read no flow at all.
 */
export const worldLoader = (env: Env): ((known: Pins | null) => Promise<LoadedWorld>) => {
  let cached: { key: string; pack: FlowPack } | null = null
  const packOf = async (pins: Pins): Promise<FlowPack> => {
    const key = pinsKey(pins)
    if (cached?.key !== key) cached = { key, pack: await kvFlowStore(env.CONFIG).loadPack(pins) }
    return cached.pack
  }
  return async (known) => {
    const pins = known ?? (await kvFlowStore(env.CONFIG).currentPins())
    const [pack, policy, calendar, rules, shop] = await Promise.all([
      packOf(pins),
      slaPolicyDoc.read(env.CONFIG),
      readBusinessHours(env.CONFIG),
      readEscalationRules(env.CONFIG),
      readShopSettings(env.CONFIG),
    ])
    const ctx = serviceContext(shop, calendar, policy, env.SHOP_NAME || 'our shop')
    return { pins, world: { pack, policy, calendar, rules, ctx } }
  }
}

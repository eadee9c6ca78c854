import { z } from 'zod'
import { kvDoc } from '../lib/kv-doc'

/** Facts about the shop that replies state (`PUT /api/v1/settings/shop`). */
export const shopSettingsSchema = z
  .object({
    /** The name customers see; falls back to the `SHOP_NAME` variable when absent. */
    name: z.string().trim().min(1).max(60).optional(),
    /** Days after delivery in which a no-reason return is accepted (`{{return.days}}`). */
    returnDays: z.number().int().min(0).max(90),
    /** Hours after a pre-sale conversation in which an order counts as converted (reports). */
    conversionWindowHours: z.number().int().min(1).max(720).optional(),
    /** How the web chat looks: accent colour, logo, the line under the shop's name. */
    chat: z
      .object({
        accent: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #4f5bd5')
          .optional(),
        logoUrl: z
          .url({ protocol: /^https$/, error: 'an https:// image URL' })
          .max(500)
          .optional(),
        welcome: z
          .object({
            en: z.string().trim().min(1).max(200).optional(),
            'zh-CN': z.string().trim().min(1).max(200).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict()

/** The shop settings document. */
export type ShopSettings = z.infer<typeof shopSettingsSchema>

/** The handbook's 7-day no-reason returns, and the name from configuration. */
export const DEFAULT_SHOP_SETTINGS: ShopSettings = { returnDays: 7 }

/** KV key of the shop settings. */
export const SHOP_SETTINGS_KEY = 'settings:shop'

/** The shop settings in KV, cached per isolate like the other settings. */
export const shopSettingsDoc = kvDoc(SHOP_SETTINGS_KEY, shopSettingsSchema, DEFAULT_SHOP_SETTINGS)
const doc = shopSettingsDoc

/** The stored shop settings, or the defaults; cached per isolate like the other settings. */
export const readShopSettings = (kv: KVNamespace, now?: number): Promise<ShopSettings> =>
  doc.read(kv, now)

/** Stores the shop settings and drops this isolate's cached copy. */
export const writeShopSettings = (kv: KVNamespace, value: ShopSettings): Promise<void> =>
  doc.write(kv, value)

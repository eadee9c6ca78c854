import { shopSettingsDoc, shopSettingsSchema } from '../../shop/settings'
import { kvDocRoutes } from './kv-doc-routes'

/** `GET/PUT /api/v1/settings/shop`. */
export const shopSettings = kvDocRoutes({
  path: '/api/v1/settings/shop',
  schema: shopSettingsSchema,
  doc: shopSettingsDoc,
  tag: 'settings',
  read: 'Get the shop facts replies state (name, no-reason return days) and the web chat branding',
  write:
    'Replace the shop facts and branding; new conversations use them at once, running ones within 30 s',
})

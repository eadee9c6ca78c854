import type { ChannelCapabilities } from '../../src/channels/types'
import { WINDOW_MS } from '../meta/window'

/** What core code may know of WhatsApp: free-form replies only within 24 h of the customer's message. */
export const whatsappCapabilities: ChannelCapabilities = { replyWindowMs: WINDOW_MS }

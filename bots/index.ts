import type {
  AdapterDeps,
  Channel,
  ChannelAdapter,
  ChannelAdapterFactory,
  ChannelCapabilities,
} from '../src/channels/types'
import { CHANNELS } from '../src/channels/types'
import { line } from './line'
import { messenger } from './messenger'
import { slack } from './slack'
import { slackCapabilities } from './slack/capabilities'
import { telegram } from './telegram'
import { twilio } from './twilio'
import { webchat } from './webchat'
import { wechat } from './wechat'
import { wecom } from './wecom'
import { whatsapp } from './whatsapp'
import { whatsappCapabilities } from './whatsapp/capabilities'

/** Every bot the engine ships; the only file that names them. */
export const BOTS: Partial<Record<Channel, ChannelAdapterFactory>> = {
  telegram,
  webchat,
  slack,
  whatsapp,
  messenger,
  line,
  wechat,
  wecom,
  twilio,
}

/** Is `name` a known channel id? */
export const isChannel = (name: string): name is Channel =>
  (CHANNELS as readonly string[]).includes(name)

/** The adapter for a channel, or null when the channel is unknown or its secrets are not set. */
export const getAdapter = (
  channel: string,
  env: Env,
  deps?: AdapterDeps
): ChannelAdapter | null => {
  if (!isChannel(channel)) return null
  return BOTS[channel]?.(env, deps) ?? null
}

// Static facts, so core code asks the channel instead of comparing its name.
const CAPABILITIES: Partial<Record<Channel, ChannelCapabilities>> = {
  slack: slackCapabilities,
  whatsapp: whatsappCapabilities,
  webchat: { anonymous: true },
}

/** What core code may know of a channel without its secrets; nothing for an unknown one. */
export const capabilitiesOf = (channel: string): ChannelCapabilities =>
  (isChannel(channel) ? CAPABILITIES[channel] : undefined) ?? {}

/** Which channels are configured, for `/healthz`. */
export const channelStatus = (env: Env): Record<Channel, 'enabled' | 'disabled'> =>
  Object.fromEntries(
    CHANNELS.map((channel) => [channel, getAdapter(channel, env) ? 'enabled' : 'disabled'])
  ) as Record<Channel, 'enabled' | 'disabled'>

// Team chats: escalation notices go to a Telegram group or the Slack desk through the bots.
export { postTelegramTeamChat } from './telegram/team-chat'
export { postSlackTeamChat } from './slack/team-chat'

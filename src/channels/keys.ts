import { CHANNELS, type Channel } from './types'

/** Builds a conversation key `<channel>:<id>[:<id>...]` (contract). */
export const makeKey = (channel: Channel, ...ids: (string | number)[]): string =>
  [channel, ...ids.map(String)].join(':')

/** Splits a conversation key into its channel and platform ids; null when malformed. */
export const parseKey = (key: string): { channel: Channel; ids: string[] } | null => {
  const [channel, ...ids] = key.split(':')
  if (!channel || !(CHANNELS as readonly string[]).includes(channel)) return null
  if (ids.length === 0 || ids.some((id) => id.length === 0)) return null
  return { channel: channel as Channel, ids }
}

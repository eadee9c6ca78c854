import type {
  AdapterDeps,
  Channel,
  ChannelAdapter,
  InboundEvent,
  OutboundMessage,
  WebhookRequest,
} from '../../src/channels/types'

/** A delivery to the Worker's webhook route of `channel`, as an adapter receives it. */
export const webhookRequest = (
  channel: Channel,
  body: string,
  headers: Record<string, string>,
  receivedAt: number,
  { method = 'POST', query }: { method?: string; query?: Record<string, string> } = {}
): WebhookRequest => ({
  method,
  url: new URL(
    `https://engine.test/webhooks/${channel}${query ? `?${new URLSearchParams(query).toString()}` : ''}`
  ),
  headers: new Headers(headers),
  body,
  receivedAt,
})

/** The adapter a factory builds from `settings`; throws when they do not configure it. */
export const configured = <Deps extends AdapterDeps>(
  factory: (env: Env, deps: Deps) => ChannelAdapter | null,
  settings: object,
  deps: Deps
): ChannelAdapter => {
  const adapter = factory(settings as unknown as Env, deps)
  if (!adapter) throw new Error('adapter not configured')
  return adapter
}

/** The events an adapter parses from a delivery; throws when it parses anything else. */
export const eventsOf = (adapter: ChannelAdapter, req: WebhookRequest): InboundEvent[] => {
  const result = adapter.parse(req)
  if (result.kind !== 'events') throw new Error(`expected events, got ${result.kind}`)
  return result.events
}

/** A builder of outbound messages to one conversation, with the test's own defaults. */
export const outboundTo =
  (
    channel: Channel,
    conversationKey: string,
    defaults: Pick<OutboundMessage, 'idempotencyKey' | 'now' | 'lastInboundAt'>
  ) =>
  (text: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
    to: { channel, conversationKey },
    text,
    ...defaults,
    ...extra,
  })

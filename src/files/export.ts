import type { TranscriptMessage } from '../conversation/types'

const stamp = (at: number, zone: string): string => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(at)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour') === '24' ? '00' : get('hour')}:${get('minute')}`
}

const speaker = (m: TranscriptMessage): string =>
  m.author === 'customer'
    ? 'Customer'
    : m.author === 'agent'
      ? `Agent ${m.agent ?? ''}`.trim()
      : 'Bot'

/**
 * Pure: a conversation as a plain-text file for a work order (docs/attachments.md, "chat exports"): a header,
 * then one line per message in the shop's time zone, files named by their stored id. Failed
 * replies are marked, so the export shows what the customer really received.
 */
export const transcriptText = (
  messages: readonly TranscriptMessage[],
  meta: {
    shop: string
    conversationKey: string
    ticketId: string
    exportedAt: number
    exportedBy: string
    zone: string
  }
): string => {
  const head = [
    `${meta.shop} · chat transcript`,
    `Conversation: ${meta.conversationKey}`,
    `Work order: ${meta.ticketId}`,
    `Exported: ${stamp(meta.exportedAt, meta.zone)} (${meta.zone}) by ${meta.exportedBy}`,
    '',
  ]
  const lines = messages.map((m) => {
    const files = (m.attachments ?? [])
      .map(
        (a) =>
          ` [${a.kind}${a.fileId ? ` ${a.fileId}` : ''}${a.problem ? `, not received: ${a.problem}` : ''}]`
      )
      .join('')
    const failed = m.direction === 'out' && m.status === 'failed' ? ' (not delivered)' : ''
    const text = m.kind === 'action' ? `▸ ${m.text}` : m.text
    return `[${stamp(m.at, meta.zone)}] ${speaker(m)}: ${text.replace(/\r?\n/g, '\n    ')}${files}${failed}`
  })
  return `${[...head, ...lines].join('\n')}\n`
}

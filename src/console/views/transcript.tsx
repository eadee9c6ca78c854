import type { ConversationView, TranscriptMessage } from '../../conversation/types'
import type { Note } from '../../conversation/notes'
import { fileStringsFor } from '../file-strings'
import { formatTime } from '../format'
import type { Strings } from '../i18n'
import { AttachmentList } from './files'

type Entry = { at: number; message: TranscriptMessage } | { at: number; note: Note }

/** Pure: transcript rows and notes in one time line (notes after messages of the same millisecond). */
export const interleave = (messages: TranscriptMessage[], notes: Note[]): Entry[] =>
  [
    ...messages.map((message) => ({ at: message.at, message })),
    ...notes.map((note) => ({ at: note.at, note })),
  ].sort((a, b) => a.at - b.at || ('note' in a ? 1 : 0) - ('note' in b ? 1 : 0))

const deliveryWord = (m: TranscriptMessage, t: Strings): string => {
  if (m.direction === 'in') return ''
  if (m.delivery === 'unknown') return t.unknownDelivery
  if (m.status === 'failed') return `${t.failed}${m.error ? `: ${m.error}` : ''}`
  if (m.status === 'queued') return t.queued
  if (m.delivery === 'read') return t.read
  if (m.delivery === 'delivered') return t.delivered
  return t.sent
}

/** The transcript with notes (also served alone as the live-refresh fragment). */
export const Transcript = (props: {
  view: ConversationView
  t: Strings
  locale: 'en' | 'zh-CN'
  zone: string
  now: number
}) => {
  const { t } = props
  return (
    <div id='transcript' class='transcript' role='log' aria-live='off' aria-label={t.transcript}>
      {interleave(props.view.messages, props.view.notes).map((entry) => {
        const time = formatTime(entry.at, props.locale, props.zone, props.now)
        if ('note' in entry) {
          return (
            <article class='msg note' data-note={String(entry.note.id)}>
              <div class='meta'>
                <span aria-hidden='true'>✎</span> <b>{t.note}</b> · {entry.note.agent} ·{' '}
                <time>{time}</time>
              </div>
              <div class='text'>{entry.note.text}</div>
            </article>
          )
        }
        const m = entry.message
        const who =
          m.author === 'customer'
            ? t.customerLabel
            : m.author === 'agent'
              ? (m.agent ?? t.agentLabel)
              : t.botLabel
        return (
          <article
            class={`msg ${m.direction} by-${m.author} st-${m.status}`}
            data-id={String(m.id)}
          >
            <div class='meta'>
              <b>{who}</b> · <time>{time}</time>
              {m.direction === 'out' ? (
                <span
                  class={`delivery d-${m.status === 'sent' ? (m.delivery ?? 'sent') : m.status}`}
                >
                  {' '}
                  · {deliveryWord(m, t)}
                </span>
              ) : null}
            </div>
            <div class='text'>{m.kind === 'action' ? `▸ ${m.text}` : m.text}</div>
            {m.buttons?.length ? (
              <div class='buttons'>
                {m.buttons.map((b) => (
                  <span class='chip'>{b.label}</span>
                ))}
              </div>
            ) : null}
            {m.attachments?.length ? (
              <AttachmentList attachments={m.attachments} fs={fileStringsFor(props.locale)} />
            ) : null}
          </article>
        )
      })}
    </div>
  )
}

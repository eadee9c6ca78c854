import type { Child } from 'hono/jsx'
import { capabilitiesOf } from '../../../bots'
import type { ConversationView } from '../../conversation/types'
import type { Account } from '../accounts'
import type { PastCase } from '../../tables/cases'
import { ConversationActions, Composer } from './conversation-actions'
import { Layout, type Viewer } from './layout'
import { SidePanel } from './side-panel'
import { Transcript } from './transcript'

/** The conversation page: transcript, composer, actions and the side panel. */
export const ConversationPage = (props: {
  viewer: Viewer
  view: ConversationView
  agents: Account[]
  cases: PastCase[]
  now: number
  zone: string
  /** The conversation's work orders and the form to open one. */
  workOrders?: Child
}) => {
  const { viewer, view } = props
  const { t } = viewer
  const s = view.state
  const key = s.key
  const base = `/console/c/${encodeURIComponent(key)}`
  const replyWindow = capabilitiesOf(s.channel).replyWindowMs
  const windowClosed =
    replyWindow !== undefined &&
    (s.lastInboundAt === null || props.now - s.lastInboundAt > replyWindow)
  return (
    <Layout
      viewer={viewer}
      title={`${s.customer.name ?? key} · ${t.appName}`}
      page='conversation'
      wide
    >
      <div class='convo' data-key={key} data-me={viewer.account.name}>
        <section class='thread' aria-labelledby='convo-title'>
          <header class='thread-head'>
            <h1 id='convo-title'>{s.customer.name ?? `${t.customerLabel} …${key.slice(-4)}`}</h1>
            <span class='tag'>{s.channel}</span>
            <span class={`tag owner-${s.agent ? 'agent' : s.owner}`}>
              {s.agent ?? (s.owner === 'human' ? t.waitingForPerson : t.bot)}
            </span>
            {s.level > 0 ? <span class={`lvl lvl-${s.level}`}>L{s.level}</span> : null}
            {s.status === 'resolved' ? <span class='tag'>{t.resolved}</span> : null}
            <span class='viewers' id='viewers' data-label={t.viewing} aria-live='polite'></span>
          </header>
          {s.level > 0 && view.escalation ? <p class='pinned'>{view.escalation.summary}</p> : null}
          <Transcript
            view={view}
            t={t}
            locale={viewer.account.locale}
            zone={props.zone}
            now={props.now}
          />
          <p class='typing' id='typing' data-word={t.typing} aria-live='polite'></p>
          {windowClosed ? (
            <p class='warn' role='note'>
              {t.windowClosed}
            </p>
          ) : null}
          <Composer viewer={viewer} base={base} />
        </section>
        <ConversationActions viewer={viewer} base={base} state={s} agents={props.agents} />
        <SidePanel
          view={view}
          t={t}
          now={props.now}
          zone={props.zone}
          locale={viewer.account.locale}
          cases={props.cases}
          workOrders={props.workOrders}
        />
      </div>
      <dialog id='help' aria-labelledby='help-title'>
        <h2 id='help-title'>{t.shortcuts}</h2>
        <p>{t.shortcutList}</p>
        <form method='dialog'>
          <button type='submit'>{t.close}</button>
        </form>
      </dialog>
    </Layout>
  )
}

import { maskPersonalData } from '../../escalation/mask'
import type { InboxRow } from '../../tables/conversations'
import type { InboxFilters, Tab, TabCounts } from '../inbox-query'
import { TABS } from '../inbox-query'
import { formatTime, shortDuration } from '../format'
import type { Strings } from '../i18n'
import { FilterSelect, plainChoices } from './controls'
import { Layout, type Viewer } from './layout'
import { SlaBadge } from './sla-badge'

const CHANNEL_ICON: Record<string, string> = {
  telegram: 'TG',
  slack: 'SL',
  whatsapp: 'WA',
  messenger: 'FB',
  line: 'LN',
  wechat: '微信',
  wecom: '企微',
  sms: 'SMS',
  webchat: 'Web',
}

/** Pure: the inbox URL for filters (only the non-default ones, so links stay short). */
export const inboxHref = (
  f: InboxFilters,
  patch: Partial<InboxFilters> = {},
  base = '/console'
): string => {
  const next = { ...f, page: 0, ...patch }
  const params = new URLSearchParams()
  if (next.tab !== 'all') params.set('tab', next.tab)
  if (next.status !== 'open') params.set('status', next.status)
  if (next.channel) params.set('channel', next.channel)
  if (next.level) params.set('level', next.level)
  if (next.intent) params.set('intent', next.intent)
  if (next.q) params.set('q', next.q)
  if (next.page) params.set('page', String(next.page))
  const query = params.toString()
  return query ? `${base}?${query}` : base
}

const TAB_LABEL: Record<Tab, keyof Strings> = {
  mine: 'mine',
  unassigned: 'unassigned',
  escalated: 'escalated',
  all: 'all',
}

/** The tab strip with open-conversation counts. */
export const Tabs = (props: { f: InboxFilters; counts: TabCounts; t: Strings }) => (
  <nav class='tabs' id='tabs' aria-label={props.t.inbox}>
    {TABS.map((tab) => (
      <a
        href={inboxHref(props.f, { tab })}
        aria-current={props.f.tab === tab ? 'page' : undefined}
        data-tab={tab}
      >
        {props.t[TAB_LABEL[tab]]}{' '}
        <span class='count' data-count={String(props.counts[tab])}>
          {props.counts[tab]}
        </span>
      </a>
    ))}
  </nav>
)

/** The list itself (also served alone as the live-refresh fragment). */
export const InboxList = (props: {
  rows: InboxRow[]
  more: boolean
  f: InboxFilters
  counts: TabCounts
  t: Strings
  now: number
  zone: string
  locale: 'en' | 'zh-CN'
  /** Set for agents: personal data in rows they don't own is masked. */
  maskFor?: string
}) => {
  const { t } = props
  const shown = (r: InboxRow, text: string | null) =>
    text !== null && props.maskFor !== undefined && r.agent !== props.maskFor
      ? maskPersonalData(text)
      : text
  return (
    <div
      id='inbox-list'
      data-waiting={props.rows
        .filter((r) => r.owner === 'human' && !r.agent && r.status === 'open')
        .map((r) => r.key)
        .join(' ')}
    >
      <Tabs f={props.f} counts={props.counts} t={t} />
      {props.rows.length === 0 ? (
        <p class='empty'>{t.noConversations}</p>
      ) : (
        <ul class='rows' role='list'>
          {props.rows.map((r) => (
            <li class={`row ${r.level > 0 ? `lvl${r.level}` : ''}`} data-key={r.key}>
              <a href={`/console/c/${encodeURIComponent(r.key)}`} class='row-link'>
                <span class='ch' title={r.channel} aria-label={r.channel}>
                  {CHANNEL_ICON[r.channel] ?? r.channel.slice(0, 3)}
                </span>
                <span class='who'>
                  <b>{shown(r, r.customerName) ?? `${t.customerLabel} …${r.key.slice(-4)}`}</b>
                  <span class='preview'>{shown(r, r.lastMessage) ?? ''}</span>
                </span>
                <span class='tags'>
                  {r.level > 0 ? <span class={`lvl lvl-${r.level}`}>L{r.level}</span> : null}
                  {r.status === 'resolved' ? <span class='tag'>{t.resolved}</span> : null}
                  <span class={`tag owner-${r.agent ? 'agent' : r.owner}`}>
                    {r.agent ?? (r.owner === 'human' ? t.waitingForPerson : t.bot)}
                  </span>
                  {r.failedMessages > 0 ? (
                    <span class='tag bad'>{`${t.failed} ${r.failedMessages}`}</span>
                  ) : null}
                </span>
                <span class='times'>
                  {r.nextDueAt && r.status === 'open' ? (
                    <SlaBadge
                      dueAt={r.nextDueAt}
                      startedAt={r.waitingSince}
                      now={props.now}
                      t={t}
                    />
                  ) : null}
                  {r.waitingSince && r.status === 'open' ? (
                    <span class='wait' data-since={String(r.waitingSince)} data-label={t.waiting}>
                      {t.waiting} {shortDuration(props.now - r.waitingSince)}
                    </span>
                  ) : r.lastMessageAt ? (
                    <time>{formatTime(r.lastMessageAt, props.locale, props.zone, props.now)}</time>
                  ) : null}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {props.more ? (
        <a class='more' href={inboxHref(props.f, { page: props.f.page + 1 })}>
          {t.more}
        </a>
      ) : null}
    </div>
  )
}

/** The inbox page: filters, tabs and the list, kept live by the console script. */
export const InboxPage = (props: {
  viewer: Viewer
  f: InboxFilters
  rows: InboxRow[]
  more: boolean
  counts: TabCounts
  choices: { channels: string[]; intents: string[] }
  now: number
  zone: string
}) => {
  const { t } = props.viewer
  const f = props.f
  return (
    <Layout viewer={props.viewer} title={`${t.inbox} · ${t.appName}`} page='inbox'>
      <h1 class='sr'>{t.inbox}</h1>
      <form class='filters' method='get' action='/console' role='search'>
        <input type='hidden' name='tab' value={f.tab} />
        <label class='sr' for='q'>
          {t.search}
        </label>
        <input id='q' name='q' type='search' value={f.q ?? ''} placeholder={t.searchHint} />
        <FilterSelect
          id='f-status'
          name='status'
          label={t.status}
          selected={f.status}
          choices={[
            { value: 'open', label: t.open },
            { value: 'resolved', label: t.resolved },
            { value: 'any', label: t.anyStatus },
          ]}
        />
        <FilterSelect
          id='f-channel'
          name='channel'
          label={t.channel}
          selected={f.channel}
          choices={[{ value: '', label: t.anyChannel }, ...plainChoices(props.choices.channels)]}
        />
        <FilterSelect
          id='f-level'
          name='level'
          label={t.level}
          selected={f.level}
          choices={[
            { value: '', label: t.anyLevel },
            ...(['0', '1', '2'] as const).map((l) => ({
              value: l,
              label: l === '0' ? t.none : `L${l}`,
            })),
          ]}
        />
        <FilterSelect
          id='f-intent'
          name='intent'
          label={t.intent}
          selected={f.intent}
          choices={[{ value: '', label: t.anyIntent }, ...plainChoices(props.choices.intents)]}
        />
        <button type='submit'>{t.apply}</button>
      </form>
      <InboxList
        rows={props.rows}
        more={props.more}
        f={f}
        counts={props.counts}
        t={t}
        now={props.now}
        zone={props.zone}
        locale={props.viewer.account.locale}
        maskFor={props.viewer.account.role === 'agent' ? props.viewer.account.name : undefined}
      />
    </Layout>
  )
}

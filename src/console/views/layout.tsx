import type { Child } from 'hono/jsx'
import type { Account } from '../accounts'
import { CSRF_FIELD } from '../guard'
import type { Strings } from '../i18n'
import { VERSION } from '../../version'

/** Everything a page shell needs to know about who is looking. */
export interface Viewer {
  account: Account
  csrf: string
  t: Strings
}

const ADMIN_LINKS = [
  ['templates', 'templates'],
  ['flows', 'flows'],
  ['knowledge', 'knowledge'],
  ['sla', 'slaPolicy'],
  ['hours', 'hours'],
  ['shop', 'shop'],
  ['escalation', 'escalationRules'],
  ['red-lines', 'redLines'],
  ['rubric', 'rubric'],
  ['notifications', 'notifications'],
  ['reviews', 'reviews'],
  ['reports', 'reportsNav'],
  ['tickets', 'ticketCategories'],
  ['agents', 'agents'],
  ['tokens', 'tokens'],
] as const

/** A hidden form field with the session's CSRF token. */
export const Csrf = ({ token }: { token: string }) => (
  <input type='hidden' name={CSRF_FIELD} value={token} />
)

/** The console page shell: header, navigation, skip link, one script and one stylesheet. */
export const Layout = (props: {
  viewer: Viewer | null
  title: string
  page: string
  children: Child
  wide?: boolean
}) => {
  const { viewer } = props
  const t = viewer?.t
  const lang = viewer?.account.locale ?? 'en'
  return (
    <html lang={lang}>
      <head>
        <meta charset='utf-8' />
        <meta name='viewport' content='width=device-width, initial-scale=1' />
        <meta name='csrf' content={viewer?.csrf ?? ''} />
        <title>{props.title}</title>
        <link rel='stylesheet' href={`/console/console.css?v=${VERSION}`} />
        <script type='module' src={`/console/console.js?v=${VERSION}`}></script>
      </head>
      <body data-page={props.page}>
        <a class='skip' href='#main'>
          {t?.skip ?? 'Skip to content'}
        </a>
        {viewer && t ? (
          <header class='bar'>
            <a class='brand' href='/console'>
              {t.appName}
            </a>
            <nav aria-label={t.appName}>
              <a href='/console' aria-current={props.page === 'inbox' ? 'page' : undefined}>
                {t.inbox} <span class='count' id='nav-waiting' data-count='0'></span>
              </a>
              <a
                href='/console/tickets'
                aria-current={
                  props.page === 'tickets' || props.page === 'ticket' ? 'page' : undefined
                }
              >
                {t.workOrdersNav}
              </a>
              {viewer.account.role === 'admin' ? (
                <details class='menu'>
                  <summary>{t.admin}</summary>
                  <ul>
                    {ADMIN_LINKS.map(([path, label]) => (
                      <li>
                        <a
                          href={`/console/admin/${path}`}
                          aria-current={props.page === `admin-${path}` ? 'page' : undefined}
                        >
                          {t[label]}
                        </a>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </nav>
            <span class='spacer'></span>
            <span
              class='conn'
              id='conn'
              role='status'
              data-live={t.live}
              data-reconnecting={t.reconnecting}
            ></span>
            <button
              type='button'
              class='ghost'
              id='alerts'
              aria-pressed='false'
              data-on={t.alertsOn}
              data-off={t.alertsOff}
              data-new-waiting={t.newWaiting}
            >
              {t.alerts}
            </button>
            <form method='post' action='/console/prefs' class='inline'>
              <Csrf token={viewer.csrf} />
              <label class='sr' for='ui-locale'>
                {t.uiLanguage}
              </label>
              <select id='ui-locale' name='locale' data-autosubmit>
                <option value='en' selected={lang === 'en'}>
                  English
                </option>
                <option value='zh-CN' selected={lang === 'zh-CN'}>
                  中文
                </option>
              </select>
              <noscript>
                <button type='submit'>{t.save}</button>
              </noscript>
            </form>
            <span class='me'>{viewer.account.name}</span>
            <form method='post' action='/console/logout' class='inline'>
              <Csrf token={viewer.csrf} />
              <button type='submit' class='ghost'>
                {t.signOut}
              </button>
            </form>
          </header>
        ) : null}
        <main id='main' class={props.wide ? 'wide' : undefined} tabindex={-1}>
          {props.children}
        </main>
        <div class='sr' id='announce' aria-live='polite'></div>
      </body>
    </html>
  )
}

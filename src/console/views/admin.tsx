import { TEAMS } from '../../notify/types'
import type { Account } from '../accounts'
import type { Strings, TextKey } from '../i18n'
import { Layout, type Viewer } from './layout'

/** A settings document the console edits as JSON through the admin API (same validation). */
export interface DocEditor {
  path: string
  label: TextKey
  api: string
  method: 'PUT'
  test?: string
  /** The API takes DELETE to go back to the defaults. */
  reset?: boolean
}

/** Every JSON-edited settings document, by console path. */
export const DOC_EDITORS: readonly DocEditor[] = [
  { path: 'sla', label: 'slaPolicy', api: '/api/v1/policies/sla', method: 'PUT' },
  {
    path: 'hours',
    label: 'hours',
    api: '/api/v1/settings/business-hours',
    method: 'PUT',
    reset: true,
  },
  { path: 'shop', label: 'shop', api: '/api/v1/settings/shop', method: 'PUT' },
  {
    path: 'escalation',
    label: 'escalationRules',
    api: '/api/v1/policies/escalation',
    method: 'PUT',
  },
  { path: 'red-lines', label: 'redLines', api: '/api/v1/policies/red-lines', method: 'PUT' },
  { path: 'rubric', label: 'rubric', api: '/api/v1/policies/rubric', method: 'PUT' },
  { path: 'tickets', label: 'ticketCategories', api: '/api/v1/policies/tickets', method: 'PUT' },
  {
    path: 'notifications',
    label: 'notifications',
    api: '/api/v1/settings/notifications',
    method: 'PUT',
    test: '/api/v1/settings/notifications/test',
  },
  { path: 'knowledge', label: 'knowledge', api: '/api/v1/knowledge', method: 'PUT' },
]

const Errors = () => <ul class='errors' id='errors' role='alert'></ul>

/** Where an editor's errors and "saved" appear, and its save button. */
const SaveFooter = ({ t }: { t: Strings }) => (
  <>
    <Errors />
    <p class='ok' id='saved' role='status'></p>
    <button type='submit' class='primary'>
      {t.save}
    </button>
  </>
)

/** The version list an editor fills in (with a rollback button per older version). */
const Versions = ({ t }: { t: Strings }) => (
  <section aria-labelledby='versions-title'>
    <h2 id='versions-title'>{t.versions}</h2>
    <ol id='versions' class='versions' data-rollback={t.rollback}></ol>
  </section>
)

/** A JSON editor bound to one admin API document. */
export const DocEditorPage = (props: { viewer: Viewer; editor: DocEditor }) => {
  const { t } = props.viewer
  const title = t[props.editor.label]
  return (
    <Layout
      viewer={props.viewer}
      title={`${title} · ${t.appName}`}
      page={`admin-${props.editor.path}`}
    >
      <h1>{title}</h1>
      <p class='hint'>{t.editorHint}</p>
      <form
        method='post'
        class='doc-editor stack'
        data-api={props.editor.api}
        data-method={props.editor.method}
        data-saved={t.saved}
      >
        <label for='doc'>{title} (JSON)</label>
        <textarea id='doc' name='doc' rows={24} spellcheck={false} class='code'>
          {t.loading}
        </textarea>
        <Errors />
        <p class='ok' id='saved' role='status'></p>
        <div class='row-buttons'>
          <button type='submit' class='primary'>
            {t.save}
          </button>
          {props.editor.reset ? (
            <button type='button' data-reset={props.editor.api}>
              {t.resetDefaults}
            </button>
          ) : null}
          {props.editor.test ? (
            <>
              <label for='test-team' class='sr'>
                {t.team}
              </label>
              <select id='test-team' name='team'>
                {TEAMS.map((team) => (
                  <option value={team}>{team}</option>
                ))}
              </select>
              <button type='button' data-post={props.editor.test} data-team-field='#test-team'>
                {t.sendTest}
              </button>
            </>
          ) : null}
        </div>
      </form>
    </Layout>
  )
}

/** A list of documents (templates or flows), each linking to its editor. */
export const DocListPage = (props: {
  viewer: Viewer
  kind: 'templates' | 'flows'
  ids: string[]
}) => {
  const { t } = props.viewer
  const title = t[props.kind]
  return (
    <Layout viewer={props.viewer} title={`${title} · ${t.appName}`} page={`admin-${props.kind}`}>
      <h1>{title}</h1>
      <label class='sr' for='doc-filter'>
        {t.search}
      </label>
      <input id='doc-filter' type='search' placeholder={t.search} data-filter='#doc-list li' />
      {props.kind === 'templates' ? (
        <form method='get' action='/console/admin/templates/new' class='inline'>
          <label for='new-id'>{t.newTemplate}</label>
          <input id='new-id' name='id' required pattern='[a-z][a-z0-9_.\-]{0,63}' maxlength={64} />
          <button type='submit'>{t.create}</button>
        </form>
      ) : null}
      <ul class='doc-list' id='doc-list'>
        {props.ids.map((id) => (
          <li>
            <a href={`/console/admin/${props.kind}/${encodeURIComponent(id)}`}>{id}</a>
          </li>
        ))}
      </ul>
    </Layout>
  )
}

/** The template editor: one text per locale, live preview, inline errors, versions and rollback. */
export const TemplateEditorPage = (props: { viewer: Viewer; id: string; locales: string[] }) => {
  const { t } = props.viewer
  return (
    <Layout viewer={props.viewer} title={`${props.id} · ${t.templates}`} page='admin-templates'>
      <h1>{props.id}</h1>
      <p class='hint'>{t.templateHint}</p>
      <form method='post' class='template-editor stack' data-id={props.id} data-saved={t.saved}>
        <div id='locale-fields' class='stack' data-locales={props.locales.join(',')}></div>
        <label for='buttons'>buttons (JSON)</label>
        <textarea id='buttons' rows={4} class='code' spellcheck={false}></textarea>
        <label for='preview-vars'>{t.previewVars}</label>
        <textarea id='preview-vars' rows={2} class='code' spellcheck={false}>
          {'{"customer.name": "Li Lei", "order.id": "A1001"}'}
        </textarea>
        <SaveFooter t={t} />
      </form>
      <section aria-labelledby='preview-title'>
        <h2 id='preview-title'>{t.preview}</h2>
        <div id='previews' class='previews' aria-live='polite'></div>
      </section>
      <Versions t={t} />
    </Layout>
  )
}

/** The flow editor: the flow document as JSON, with versions and rollback. */
export const FlowEditorPage = (props: { viewer: Viewer; id: string }) => {
  const { t } = props.viewer
  const api = `/api/v1/flows/${encodeURIComponent(props.id)}`
  return (
    <Layout viewer={props.viewer} title={`${props.id} · ${t.flows}`} page='admin-flows'>
      <h1>{props.id}</h1>
      <p class='hint'>{t.editorHint}</p>
      <form
        method='post'
        class='doc-editor stack'
        data-api={api}
        data-method='PUT'
        data-saved={t.saved}
        data-versions={`${api}/versions`}
        data-rollback={`${api}/rollback`}
      >
        <label for='doc'>{props.id} (JSON)</label>
        <textarea id='doc' rows={28} class='code' spellcheck={false}>
          {t.loading}
        </textarea>
        <SaveFooter t={t} />
      </form>
      <Versions t={t} />
    </Layout>
  )
}

/** Console accounts: list, create, change role or language, delete. */
export const AgentsPage = (props: { viewer: Viewer; accounts: Account[]; online: string[] }) => {
  const { t } = props.viewer
  return (
    <Layout viewer={props.viewer} title={`${t.agents} · ${t.appName}`} page='admin-agents'>
      <h1>{t.agents}</h1>
      <table class='grid'>
        <thead>
          <tr>
            <th scope='col'>{t.name}</th>
            <th scope='col'>{t.email}</th>
            <th scope='col'>{t.role}</th>
            <th scope='col'>{t.uiLanguage}</th>
            <th scope='col'>
              <span class='sr'>{t.delete}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.accounts.map((a) => (
            <tr>
              <td>
                <span
                  role='img'
                  class={`dot ${props.online.includes(a.name) ? 'on' : 'off'}`}
                  aria-label={props.online.includes(a.name) ? 'online' : 'offline'}
                ></span>{' '}
                {a.name}
              </td>
              <td>{a.email}</td>
              <td>{a.role === 'admin' ? t.adminRole : t.agentRole}</td>
              <td>{a.locale}</td>
              <td>
                {a.id === 'owner' ? null : (
                  <details class='menu'>
                    <summary aria-label={`${t.change} ${a.name}`}>{t.change}</summary>
                    <form
                      method='post'
                      class='api-form stack'
                      data-api={`/api/v1/agents/${a.id}`}
                      data-method='PATCH'
                    >
                      <label for={`r-${a.id}`}>{t.role}</label>
                      <select id={`r-${a.id}`} name='role'>
                        <option value='agent' selected={a.role === 'agent'}>
                          {t.agentRole}
                        </option>
                        <option value='admin' selected={a.role === 'admin'}>
                          {t.adminRole}
                        </option>
                      </select>
                      <label for={`l-${a.id}`}>{t.uiLanguage}</label>
                      <select id={`l-${a.id}`} name='locale'>
                        <option value='en' selected={a.locale === 'en'}>
                          English
                        </option>
                        <option value='zh-CN' selected={a.locale === 'zh-CN'}>
                          中文
                        </option>
                      </select>
                      <label for={`p-${a.id}`}>{t.newPassword}</label>
                      <input
                        id={`p-${a.id}`}
                        name='password'
                        type='password'
                        minlength={10}
                        autocomplete='new-password'
                      />
                      <ul class='errors' role='alert'></ul>
                      <button type='submit' class='primary'>
                        {t.save}
                      </button>
                    </form>
                  </details>
                )}
                {a.id === 'owner' || a.id === props.viewer.account.id ? null : (
                  <button
                    type='button'
                    class='danger'
                    data-delete={`/api/v1/agents/${a.id}`}
                    aria-label={`${t.delete} ${a.name}`}
                  >
                    {t.delete}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.create}</h2>
      <form
        method='post'
        class='api-form stack narrow'
        data-api='/api/v1/agents'
        data-method='POST'
      >
        <label for='a-name'>{t.name}</label>
        <input id='a-name' name='name' required maxlength={64} />
        <label for='a-email'>{t.email}</label>
        <input id='a-email' name='email' type='email' required />
        <label for='a-password'>{t.password}</label>
        <input
          id='a-password'
          name='password'
          type='password'
          required
          minlength={10}
          autocomplete='new-password'
        />
        <label for='a-role'>{t.role}</label>
        <select id='a-role' name='role'>
          <option value='agent'>{t.agentRole}</option>
          <option value='admin'>{t.adminRole}</option>
        </select>
        <label for='a-locale'>{t.uiLanguage}</label>
        <select id='a-locale' name='locale'>
          <option value='en'>English</option>
          <option value='zh-CN'>中文</option>
        </select>
        <Errors />
        <button type='submit' class='primary'>
          {t.create}
        </button>
      </form>
    </Layout>
  )
}

/** API tokens for integrations: list, issue (shown once), revoke. */
export const TokensPage = (props: { viewer: Viewer }) => {
  const { t } = props.viewer
  return (
    <Layout viewer={props.viewer} title={`${t.tokens} · ${t.appName}`} page='admin-tokens'>
      <h1>{t.tokens}</h1>
      <table class='grid'>
        <thead>
          <tr>
            <th scope='col'>{t.name}</th>
            <th scope='col'>{t.role}</th>
            <th scope='col'>created</th>
            <th scope='col'>last used</th>
            <th scope='col'>
              <span class='sr'>{t.revoke}</span>
            </th>
          </tr>
        </thead>
        <tbody id='token-rows' data-revoke={t.revoke}></tbody>
      </table>
      <h2>{t.create}</h2>
      <form
        method='post'
        class='api-form stack narrow'
        data-api='/api/v1/tokens'
        data-method='POST'
        data-show='token'
        data-shown={t.tokenShown}
      >
        <label for='t-name'>{t.name}</label>
        <input id='t-name' name='name' required maxlength={64} />
        <label for='t-role'>{t.role}</label>
        <select id='t-role' name='role'>
          <option value='agent'>{t.agentRole}</option>
          <option value='admin'>{t.adminRole}</option>
        </select>
        <Errors />
        <p class='ok' id='shown' role='status'></p>
        <button type='submit' class='primary'>
          {t.create}
        </button>
      </form>
    </Layout>
  )
}

/** A plain message page (403, 404). */
export const MessagePage = (props: { viewer: Viewer | null; title: string; text: string }) => (
  <Layout viewer={props.viewer} title={props.title} page='message'>
    <h1>{props.title}</h1>
    <p>{props.text}</p>
    <p>
      <a href='/console'>← Inbox</a>
    </p>
  </Layout>
)

import { TEAMS } from '../../notify/types'
import type { TextKey } from '../i18n'
import { Errors, FilterSelect } from './controls'
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
        <Errors id='errors' />
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
              <FilterSelect
                id='test-team'
                name='team'
                label={t.team}
                choices={TEAMS.map((team) => ({ value: team, label: team }))}
              />
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

import type { Strings } from '../i18n'
import { Errors } from './controls'
import { Layout, type Viewer } from './layout'

/** Where an editor's errors and "saved" appear, and its save button. */
const SaveFooter = ({ t }: { t: Strings }) => (
  <>
    <Errors id='errors' />
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

import { FORMATS } from '../../files/formats'
import type { StoredFile } from '../../files/store'
import type { TranscriptAttachment } from '../../conversation/types'
import { formatBytes, type FileStrings } from '../file-strings'

const kindOf = (a: TranscriptAttachment) =>
  a.format ? FORMATS[a.format].kind : a.kind === 'file' ? 'document' : a.kind

/** A customer's files under their message: a link once stored, else why not (or that it is on its way). */
export const AttachmentList = (props: {
  attachments: readonly TranscriptAttachment[]
  fs: FileStrings
}) => {
  const { fs } = props
  return (
    <ul class='files'>
      {props.attachments.map((a) => (
        <li>
          ⎘ {fs.kinds[kindOf(a)]}
          {a.name ? ` · ${a.name}` : ''}
          {a.size ? ` · ${formatBytes(a.size)}` : ''}
          {a.fileId ? (
            <>
              {' · '}
              <a href={`/console/files/${a.fileId}`} rel='noopener' target='_blank'>
                {fs.open}
              </a>
            </>
          ) : a.problem ? (
            <span class='file-problem' title={a.detail ?? ''}>
              {' · '}
              {fs.notReceived}: {fs.problems[a.problem]}
            </span>
          ) : (
            <span class='muted'> · {fs.pending}</span>
          )}
        </li>
      ))}
    </ul>
  )
}

/** A work order's files: what the customer sent in its conversation, uploads and chat exports. */
export const FileTable = (props: {
  files: readonly StoredFile[]
  fs: FileStrings
  time: (at: number) => string
}) => {
  const { fs } = props
  if (props.files.length === 0) return <p class='muted'>{fs.noFiles}</p>
  return (
    <table class='files-table'>
      <tbody>
        {props.files.map((f) => (
          <tr>
            <td>{fs.kinds[f.kind]}</td>
            <td>{f.name ?? f.id}</td>
            <td>{formatBytes(f.size)}</td>
            <td>{fs.sources[f.source]}</td>
            <td>{props.time(f.createdAt)}</td>
            <td>
              <a href={`/console/files/${f.id}`} rel='noopener' target='_blank'>
                {fs.open}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The files section of a work order page: the list, an upload form and the chat export. */
export const TicketFiles = (props: {
  files: readonly StoredFile[]
  fs: FileStrings
  api: string
  canExport: boolean
  time: (at: number) => string
}) => {
  const { fs } = props
  return (
    <section aria-labelledby='files-h'>
      <h2 id='files-h'>{fs.files}</h2>
      <FileTable files={props.files} fs={fs} time={props.time} />
      <p class='muted'>{fs.linkNote}</p>
      <form class='file-form inline' data-api={`${props.api}/files`}>
        <label for='tf-file'>{fs.upload}</label>
        <input
          id='tf-file'
          type='file'
          name='file'
          accept='image/*,video/*,audio/*,application/pdf'
          required
        />
        <button type='submit'>{fs.uploadButton}</button>
        <ul class='errors' role='alert'></ul>
        <p class='muted'>{fs.uploadHint}</p>
      </form>
      {props.canExport ? (
        <form class='api-form inline' data-api={`${props.api}/export`} data-method='POST'>
          <ul class='errors' role='alert'></ul>
          <button type='submit'>{fs.exportChat}</button>
        </form>
      ) : null}
    </section>
  )
}

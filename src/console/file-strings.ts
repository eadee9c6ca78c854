import type { UiLocale } from './accounts'
import type { FileKind, FileProblem } from '../files/formats'
import type { FileSource } from '../files/store'

const en = {
  files: 'Files',
  open: 'Open',
  pending: 'fetching from the platform…',
  notReceived: 'not received',
  problems: {
    too_large: 'over 20 MB; the customer was asked for a smaller one',
    unsupported: 'not an accepted format; the customer was asked for a photo, video, voice or PDF',
    empty: 'empty file; the customer was asked to send it again',
    failed: 'could not be fetched; the customer was asked to send it again',
  } satisfies Record<FileProblem, string>,
  kinds: { image: 'Photo', video: 'Video', audio: 'Voice', document: 'Document' } satisfies Record<
    FileKind,
    string
  >,
  sources: {
    customer: 'from the customer',
    agent: 'uploaded',
    export: 'chat export',
  } satisfies Record<FileSource, string>,
  upload: 'Upload a file',
  uploadButton: 'Upload',
  uploadHint: 'Photos, video, voice or PDF, up to 20 MB each. Checked by content, not by name.',
  exportChat: 'Attach the chat transcript',
  noFiles: 'No files yet.',
  linkNote: 'Links work for 5 minutes; every download is logged.',
}

/** The file strings' shape. */
export type FileStrings = typeof en

const zh: FileStrings = {
  files: '附件',
  open: '打开',
  pending: '正在从平台获取…',
  notReceived: '未收到',
  problems: {
    too_large: '超过 20 MB，已请客户发更小的文件',
    unsupported: '格式不支持，已请客户改发图片、视频、语音或 PDF',
    empty: '空文件，已请客户重新发送',
    failed: '获取失败，已请客户重新发送',
  },
  kinds: { image: '图片', video: '视频', audio: '语音', document: '文件' },
  sources: { customer: '客户发送', agent: '客服上传', export: '聊天记录导出' },
  upload: '上传文件',
  uploadButton: '上传',
  uploadHint: '图片、视频、语音或 PDF，每个不超过 20 MB；按文件内容校验，不看文件名。',
  exportChat: '附上聊天记录',
  noFiles: '暂无附件。',
  linkNote: '链接 5 分钟内有效；每次下载都会记录。',
}

/** The file strings for a UI language. */
export const fileStringsFor = (locale: UiLocale): FileStrings => (locale === 'zh-CN' ? zh : en)

/** A size for people: 1.4 MB, 820 KB. */
export const formatBytes = (n: number): string =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MB`
    : n >= 1024
      ? `${Math.round(n / 1024)} KB`
      : `${n} B`

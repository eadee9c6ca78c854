import { type Button, WINDOW_CLOSED } from '../../src/channels/types'
import { toHex, utf8, utf8Length } from '../../src/lib/encoding'
import type { Failure } from '../../src/lib/failure'
import { cleanText, splitUtf8, truncateUtf8, withNumberedOptions } from '../weixin/text'
import type { KfPart, MsgMenu } from './api'

// Limits from https://developer.work.weixin.qq.com/document/path/94677 (发送消息).
/** Longest text message, in UTF-8 bytes. */
export const MAX_TEXT_BYTES = 2048
/** Longest menu head text, in UTF-8 bytes. */
export const MAX_HEAD_BYTES = 1024
/** Most items in one menu message. */
export const MAX_MENU_ITEMS = 10
/** Longest menu item id, in UTF-8 bytes. */
export const MAX_MENU_ID_BYTES = 64
/** Longest menu item label, in UTF-8 bytes. */
export const MAX_MENU_LABEL_BYTES = 128

const PLACEHOLDER = '…'

const textPart = (content: string): KfPart => ({ msgtype: 'text', text: { content } })

const nativeMenu = (buttons: readonly Button[]): boolean =>
  buttons.length > 0 &&
  buttons.length <= MAX_MENU_ITEMS &&
  buttons.every((button) => {
    const bytes = utf8Length(button.id)
    return bytes >= 1 && bytes <= MAX_MENU_ID_BYTES
  })

/**
 * The messages of one reply, in order: text split at 2048 bytes; buttons become a `msgmenu` whose
 * head is the last (≤ 1024-byte) piece of text. More than 10 buttons, or an id over 64 bytes,
 * degrade to a numbered list in the text. Never empty.
 */
export const planParts = (text: string, buttons: readonly Button[] = []): KfPart[] => {
  if (!nativeMenu(buttons)) {
    const chunks = splitUtf8(cleanText(withNumberedOptions(text, buttons)), MAX_TEXT_BYTES)
    return (chunks.length > 0 ? chunks : [PLACEHOLDER]).map(textPart)
  }
  const chunks = splitUtf8(cleanText(text), MAX_TEXT_BYTES)
  let head = chunks.pop() ?? ''
  if (utf8Length(head) > MAX_HEAD_BYTES) {
    const pieces = splitUtf8(head, MAX_HEAD_BYTES)
    head = pieces.pop() ?? ''
    chunks.push(...pieces)
  }
  const menu: MsgMenu = {
    ...(head ? { head_content: head } : {}),
    list: buttons.map((button) => ({
      type: 'click',
      click: {
        id: button.id,
        content: truncateUtf8(cleanText(button.label).trim() || button.id, MAX_MENU_LABEL_BYTES),
      },
    })),
  }
  return [...chunks.map(textPart), { msgtype: 'msgmenu', msgmenu: menu }]
}

/**
 * The `msgid` of part `index` of an outbox row: WeCom dedupes on it per account, but outbox ids
 * repeat across conversations, so it is a hash of the conversation key, the row id and the
 * part: 32 hex characters (the documented maximum, within [0-9a-zA-Z_-]).
 */
export const partMsgId = async (conversationKey: string, idempotencyKey: string, index: number) =>
  toHex(
    await crypto.subtle.digest('SHA-1', utf8(`${conversationKey}\n${idempotencyKey}\n${index}`))
  ).slice(0, 32)

// The code for a reused msgid is not documented; a retry of a half-sent reply meets it for the
// parts that already went out, which are then counted as sent. [unverified wording]
const DUPLICATE_MSGID = /msgid/i
const DUPLICATE_WORD = /exist|dup|repeat|already|重复/i

/** Does this error say the `msgid` was used already (so the part was delivered before)? */
export const isDuplicateMsgId = (errmsg: string): boolean =>
  DUPLICATE_MSGID.test(errmsg) && DUPLICATE_WORD.test(errmsg)

// -1 system busy; 95000 / 95001 treated as throttling (per the project's channel notes, the
// public code table does not list them); 45009 API frequency limit.
const TRANSIENT = new Set([-1, 95000, 95001])
// 95018 "send msg session status invalid": the session is no longer with the API (a human took
// it, it ended, or the 48 h window passed); 95007 likewise per the project's channel notes.
const SESSION_CLOSED = new Set([95018, 95007])

/** A `send_msg` errcode: closed session -> `window_closed`, throttling retries, rest final. */
export const classify = (errcode: number, errmsg: string): Failure => {
  const reason = `${errcode} ${errmsg}`.trim()
  if (SESSION_CLOSED.has(errcode)) return { ok: false, retryable: false, reason: WINDOW_CLOSED }
  if (errcode === 45009) return { ok: false, retryable: true, retryAfterMs: 60_000, reason }
  return { ok: false, retryable: TRANSIENT.has(errcode), reason }
}

/** Classifies a `sync_msg` errcode: busy and throttling retry, anything else is final. */
export const classifySync = (errcode: number, errmsg: string): Failure => {
  const reason = `sync_msg: ${errcode} ${errmsg}`.trim()
  return { ok: false, retryable: TRANSIENT.has(errcode) || errcode === 45009, reason }
}

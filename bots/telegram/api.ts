// The subset of the Bot API types this adapter reads or writes:
// https://core.telegram.org/bots/api#available-types
// Every field is optional except where Telegram guarantees it; parse still checks at runtime.

/** A Telegram user or bot (https://core.telegram.org/bots/api#user). */
export interface User {
  id: number
  is_bot: boolean
  first_name: string
  last_name?: string
  username?: string
  language_code?: string
}

/** A chat; `id` is int64 (52 bits), < 0 for groups (https://core.telegram.org/bots/api#chat). */
export interface Chat {
  id: number
  type: 'private' | 'group' | 'supergroup' | 'channel'
  title?: string
  username?: string
  first_name?: string
  last_name?: string
  is_forum?: boolean
}

/** One size of a photo; photos come in several (https://core.telegram.org/bots/api#photosize). */
export interface PhotoSize {
  file_id: string
  file_unique_id: string
  width: number
  height: number
  file_size?: number
}

/** A general file (https://core.telegram.org/bots/api#document). */
export interface Document {
  file_id: string
  file_unique_id: string
  file_name?: string
  mime_type?: string
  file_size?: number
}

/** A voice note (https://core.telegram.org/bots/api#voice). */
export interface Voice {
  file_id: string
  file_unique_id: string
  duration: number
  mime_type?: string
  file_size?: number
}

/** An audio file treated as music (https://core.telegram.org/bots/api#audio). */
export interface Audio {
  file_id: string
  file_unique_id: string
  duration: number
  file_name?: string
  mime_type?: string
}

/** A video file (https://core.telegram.org/bots/api#video). */
export interface Video {
  file_id: string
  file_unique_id: string
  width: number
  height: number
  duration: number
  file_name?: string
  mime_type?: string
}

/** One inline button we send: a label and the data echoed back in a callback query. */
export interface InlineKeyboardButton {
  text: string
  callback_data?: string
  url?: string
}

/** Buttons under a message (https://core.telegram.org/bots/api#inlinekeyboardmarkup). */
export interface InlineKeyboardMarkup {
  inline_keyboard: InlineKeyboardButton[][]
}

/** A message (https://core.telegram.org/bots/api#message). */
export interface Message {
  message_id: number
  /** Set for forum topics and reply threads; only a topic when `is_topic_message` is true. */
  message_thread_id?: number
  is_topic_message?: boolean
  from?: User
  sender_chat?: Chat
  /** Unix seconds; 0 for an inaccessible message inside a callback query. */
  date: number
  edit_date?: number
  chat: Chat
  text?: string
  caption?: string
  photo?: PhotoSize[]
  document?: Document
  voice?: Voice
  audio?: Audio
  video?: Video
  reply_markup?: InlineKeyboardMarkup
}

/** A button press on an inline keyboard (https://core.telegram.org/bots/api#callbackquery). */
export interface CallbackQuery {
  id: string
  from: User
  /** Absent for buttons on inline-mode messages; then only `inline_message_id` is set. */
  message?: Message
  inline_message_id?: string
  chat_instance: string
  /** The button's `callback_data`, 1-64 bytes; absent for game buttons. */
  data?: string
}

/** One webhook delivery; one optional field is set (https://core.telegram.org/bots/api#update). */
export interface Update {
  update_id: number
  message?: Message
  edited_message?: Message
  callback_query?: CallbackQuery
}

/** What to do about a failure (https://core.telegram.org/bots/api#responseparameters). */
export interface ResponseParameters {
  migrate_to_chat_id?: number
  retry_after?: number
}

/** The envelope of every Bot API answer (https://core.telegram.org/bots/api#making-requests). */
export type ApiResponse<T> =
  | { ok: true; result: T; description?: string }
  | { ok: false; error_code: number; description: string; parameters?: ResponseParameters }

// The shape of a Telegram text update (as the Bot API sends it; see test/helpers.ts).

export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token'

export const telegramText = (updateId, chatId, text) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    from: { id: chatId, is_bot: false, first_name: 'Ada', language_code: 'en' },
    chat: { id: chatId, first_name: 'Ada', type: 'private' },
    date: Math.floor(Date.now() / 1000),
    text,
  },
})

/** A button press (callback query) on an earlier bot message, e.g. "Talk to a person" (`human`). */
export const telegramCallback = (updateId, chatId, data) => ({
  update_id: updateId,
  callback_query: {
    id: `cbq-${updateId}`,
    from: { id: chatId, is_bot: false, first_name: 'Ada', language_code: 'en' },
    message: {
      message_id: 1,
      chat: { id: chatId, type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text: 'menu',
    },
    chat_instance: String(chatId),
    data,
  },
})

/** The update a load job sends: a text message, or a button press when `press` is set. */
export const updateFor = (job, updateId, chatId) =>
  job.press
    ? telegramCallback(updateId, chatId, job.press)
    : telegramText(updateId, chatId, job.text)

/** chat id of the i-th request: one chat, a fixed set in rotation, or a new chat each time. */
export const chatOf = (chats, i) => {
  if (chats.mode === 'fixed') return chats.base
  if (chats.mode === 'cycle') return chats.base + (i % chats.count)
  return chats.base + i
}

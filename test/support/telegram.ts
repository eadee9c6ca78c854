import { postTelegram, telegramCallback, telegramText } from '../helpers'

/** A Telegram customer writes `text` to the shop in a private chat, through the Worker. */
export const telegramSays = (chatId: number, text: string) =>
  postTelegram(telegramText(chatId, text))

/** A Telegram customer presses the button carrying `data`, through the Worker. */
export const telegramPresses = (chatId: number, data: string) =>
  postTelegram(telegramCallback(chatId, data))

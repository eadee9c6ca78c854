// What the chat page says, in the browser's language (English unless it is Chinese). The page
// passes this to its script as JSON; the script never builds HTML from it.

/** The chat page's words in one language. */
export interface ChatText {
  placeholder: string
  send: string
  online: string
  connecting: string
  offline: string
  assistant: string
  agent: string
  sending: string
  failed: string
  welcome: string
  welcomeSub: string
  today: string
  yesterday: string
  older: string
  unavailable: string
  hint: string
  message: string
  typing: string
  read: string
  slowDown: string
  attach: string
  kinds: { image: string; video: string; audio: string; file: string }
  tooLarge: string
  unsupported: string
}

/** The chat page's words by language. */
export interface ChatCopy {
  en: ChatText
  zh: ChatText
}

/** The chat page's words in English and Chinese. */
export const CHAT_COPY: ChatCopy = {
  en: {
    placeholder: 'Type a message…',
    send: 'Send',
    online: 'Online',
    connecting: 'Connecting…',
    offline: 'Offline · reconnecting…',
    assistant: 'Assistant',
    agent: 'Agent',
    sending: 'Sending…',
    failed: 'Failed, tap to retry',
    welcome: 'Customer service',
    welcomeSub: 'Write your question, or pick a topic below.',
    today: 'Today',
    yesterday: 'Yesterday',
    older: 'Loading earlier messages…',
    unavailable: 'Chat is unavailable right now. We will keep trying.',
    hint: 'Enter to send · Shift+Enter for a new line',
    message: 'Message',
    typing: 'is typing…',
    read: 'Read',
    slowDown:
      'You are sending messages very quickly. They are kept here and will be sent in a moment.',
    attach: 'Send a photo or file',
    kinds: { image: 'Photo', video: 'Video', audio: 'Voice', file: 'File' },
    tooLarge: 'That file is over 20 MB. Please send a smaller photo or a shorter video.',
    unsupported:
      "That kind of file can't be opened here. Please send photos, videos, voice messages or PDFs.",
  },
  zh: {
    placeholder: '输入消息…',
    send: '发送',
    online: '在线',
    connecting: '连接中…',
    offline: '离线，正在重连…',
    assistant: '智能助手',
    agent: '人工客服',
    sending: '发送中…',
    failed: '发送失败，点击重试',
    welcome: '在线客服',
    welcomeSub: '直接输入问题，或点选下方话题。',
    today: '今天',
    yesterday: '昨天',
    older: '正在加载更早的消息…',
    unavailable: '聊天暂时不可用，我们会自动重试。',
    hint: 'Enter 发送 · Shift+Enter 换行',
    message: '消息',
    typing: '正在输入…',
    read: '已读',
    slowDown: '您发送得太快了，消息已保留，稍后会自动发出。',
    attach: '发送图片或文件',
    kinds: { image: '图片', video: '视频', audio: '语音', file: '文件' },
    tooLarge: '文件超过 20 MB，请发一张小一点的图片或短一点的视频。',
    unsupported: '这种文件打不开，请发送图片、视频、语音或 PDF。',
  },
}

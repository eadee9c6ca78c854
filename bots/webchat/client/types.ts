// The shapes the chat page's script works with (types only: nothing here reaches the browser).

/** A message as the server sends it (history and live frames); checked before use. */
export interface Message {
  id: number
  text: string
  direction?: string
  author?: string
  agentName?: string
  at: number
  buttons?: unknown
  files?: unknown
  clientId?: unknown
}

/** A button offered under a message (or before the first one). */
export interface Button {
  id: string
  label: string
}

/** A message the customer sent that the server has not echoed back yet. */
export interface Pending {
  clientId: string
  at: number
  seq: number
  state: 'sending' | 'posted' | 'failed'
  text: string
  action?: string
  label?: string
  file?: File
}

/** What the customer sends: text, a button press (action and label) or a file. */
export type Outgoing = Pick<Pending, 'text' | 'action' | 'label' | 'file'>

/** One row of the conversation as the page shows it. */
export interface View {
  key: string
  me: boolean
  author?: string
  text: string
  at: number
  state: '' | Pending['state']
  buttons?: unknown
  agentName?: string
  read?: boolean
  clientId?: string
}

import { maskPersonalData } from '../../escalation/mask'
import type { Case } from '../../tables/cases'
import type { ListedConversation } from '../../tables/conversations'

// Admins and the row's own agent see everything; other agents see the customer's personal data
// masked (names and texts).

/** What a caller may see of a listed conversation. */
export const conversationForViewer =
  (role: string, actor: string) =>
  (s: ListedConversation): ListedConversation =>
    role === 'admin' || (s.agent !== null && s.agent === actor)
      ? s
      : {
          ...s,
          customerName: s.customerName === null ? null : maskPersonalData(s.customerName),
          lastMessage: s.lastMessage === null ? null : maskPersonalData(s.lastMessage),
        }

/** What a caller may see of a listed case. */
export const caseForViewer =
  (role: string, actor: string) =>
  (k: Case): Case =>
    role === 'admin' || k.handler === actor
      ? k
      : {
          ...k,
          problem: maskPersonalData(k.problem),
          solution: k.solution === null ? null : maskPersonalData(k.solution),
          comment: k.comment === null ? null : maskPersonalData(k.comment),
        }

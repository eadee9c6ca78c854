/** Escalation levels (docs/service-rules.md §4): 0 none, 1 senior agents, 2 risk control and PR join. */
export type EscalationLevel = 0 | 1 | 2

/** Why a conversation escalates; `sla_breach` and `manual` are raised outside `verdict`. */
export type EscalationReason =
  | 'repeat_complaint'
  | 'anger'
  | 'abuse'
  | 'human_request'
  | 'sla_breach'
  | 'legal'
  | 'media'
  | 'compensation'
  | 'threat'
  | 'manual'

/** A regex source (compiled with flags `iu`) that adds `weight` to the anger score. */
export interface WeightedTerm {
  term: string
  weight: number
  /** Informational: the locale the term was written for (`zh-CN`, `en`); every term applies. */
  locale?: string
}

/** Regex sources (flags `iu`) per signal; a message matches a list when any source matches. */
export interface EscalationLexicon {
  /** Angry wording, weighted; the weights of every distinct matching term add up. */
  anger: WeightedTerm[]
  /** Insults aimed at the agent or the shop. */
  abuse: string[]
  /** Asks for a human agent, a manager or a supervisor. */
  human: string[]
  /** Complaint wording; the conversation counts complaints per problem. */
  complaint: string[]
  /** Lawyers, lawsuits, consumer-protection bodies, police. */
  legal: string[]
  /** Journalists, media, going public on social platforms. */
  media: string[]
  /** Threats of violence or revenge. */
  threat: string[]
  /** Demand wording that makes a nearby amount a compensation demand (赔偿, refund). */
  compensation: string[]
}

/** Signals that raise the anger score on top of the anger lexicon. */
export interface AngerIntensifiers {
  /** Weighted regex sources: repeated punctuation, '？？？', '到底', 'still', 'again', '又'. */
  terms: WeightedTerm[]
  /** Shouting: `weight` per ALL-CAPS word of at least `minLetters` letters, up to `maxWords`. */
  caps: { weight: number; minLetters: number; maxWords: number }
}

/** The escalation policy document (KV `policy:escalation`, admin API). */
export interface EscalationRules {
  /** Level 1 when complaints about one problem (this message included) exceed this. */
  repeatComplaintThreshold: number
  /** Level 1 when the anger score reaches this. */
  angerThreshold: number
  /** Level 2 when a demanded amount is above the threshold of its ISO 4217 currency. */
  compensation: Record<string, number>
  /** The currency of amounts without a currency sign or word ('赔偿500'). */
  defaultCurrency: string
  lexicon: EscalationLexicon
  intensifiers: AngerIntensifiers
}

/** A demanded amount found in a message. */
export interface DemandedAmount {
  amount: number
  /** ISO 4217 code. */
  currency: string
  /** The amount as written ('2000块', '$80'). */
  text: string
}

/** What one customer message shows; pure function of the rules and the text. */
export interface Assessment {
  angerScore: number
  angry: boolean
  abusive: boolean
  wantsHuman: boolean
  complaint: boolean
  /** Matched legal wording, as written, without duplicates. */
  legal: string[]
  media: string[]
  threat: string[]
  /** Amounts demanded as compensation or refund (whatever their size). */
  compensation: DemandedAmount[]
  /** Every match as `signal:text` ('anger:太差', 'caps:THIRD'), for tuning the lexicon. */
  matched: string[]
}

/** The escalation decision for one message. */
export interface Verdict {
  level: EscalationLevel
  /** Level 2 reasons first, then level 1 reasons; empty at level 0. */
  reasons: EscalationReason[]
  /** One line of English on why ('legal: 律师, 12315; compensation CNY 2000 over 300'). */
  summary: string
}

/** Per-conversation counters `verdict` needs. */
export interface EscalationCounters {
  /** Complaints about the same problem, this message included. */
  complaints: number
}

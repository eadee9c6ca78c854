import type { FlowStep } from './types'

// The bundled flow's reply grammar: which customer answers a step reads as which reply, beyond the
// plain yes and no the engine reads itself. The steps that use them are in default-pack.ts.

const r = String.raw

/** 6-24 letters/digits with at least one digit, as its own token; `#` and any prefix allowed. */
export const ORDER_ID = String.raw`(?<![a-z0-9])#?((?=[a-z]*\d)[a-z0-9]{6,24})(?![a-z0-9])`

/**
 * Answers to "anything else?": thanks and "that's all" end the conversation even when they start
 * with a yes-word ("好的，谢谢", "ok thanks"); other yes/no forms are read by the engine.
 */
export const ANYTHING_ELSE: NonNullable<FlowStep['replies']> = {
  'confirm.no': {
    'zh-CN': [
      String.raw`^\s*(?:好的?|好滴|嗯+|收到|行|ok|👍|👌)[\s，,。.!！~～]*$`,
      String.raw`^\s*(?:好的?|嗯+|行|可以|没有了?|没了|没事了?|不用了?)?[\s，,。.!！~～]*(?:谢谢|谢了|多谢|感谢|辛苦了|拜拜|再见)`,
      String.raw`^\s*(?:没有了?|没了|没事了?|不用了?)[\s，,。.!！~～]*$`,
    ],
    en: [
      String.raw`^\s*(?:ok(?:ay)?|k|kk|great|cool|got it|alright|👍|👌)[\s,.!]*$`,
      String.raw`^\s*(?:ok(?:ay)?|yes|great|perfect|no|nope|nah)?[\s,.!]*(?:thanks|thank you|thx|cheers|bye|goodbye)\b`,
      String.raw`^\s*(?:that'?s all|nothing else|no more questions|i'?m good|all good)\b`,
    ],
  },
}

/** Which kind of return the customer means: a faulty or wrong item, or no reason at all. */
export const RETURN_REPLIES: NonNullable<FlowStep['replies']> = {
  'return.quality': {
    'zh-CN': ['质量|坏|破|裂|瑕疵|发错|错发|错了|不是我(买|要|拍)的|掉色|开线|起球|有问题'],
    en: [
      r`\b(quality|broke|broken|damaged|defective|faulty|wrong|torn|stained|ripped|not as described)\b`,
    ],
  },
  'return.noreason': {
    'zh-CN': ['无理由|不喜欢|不想要|不合适|不要了|太(大|小|紧|松)|七天|7天'],
    en: [r`\b(no[- ]reason|changed my mind|don'?t (like|want)|doesn'?t fit|too (small|big))\b`],
  },
}

/** Beyond plain yes and no: how customers say a payment worked, or didn't. */
export const PAYMENT_REPLIES: NonNullable<FlowStep['replies']> = {
  'confirm.no': {
    'zh-CN': ['还是不行|不行|付不了|还不行|失败'],
    en: [
      String.raw`still (not working|doesn'?t work|failing)|it didn'?t work|not working|still declined`,
    ],
  },
  'confirm.yes': {
    'zh-CN': [String.raw`^\s*(?:可以了|好了|付好了|付了|成功了?|解决了)`],
    en: [String.raw`^\s*(?:yes,? )?(?:it worked|works now|done|paid|fixed|solved)\b`],
  },
}

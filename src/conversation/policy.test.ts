import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FlowPack, TemplateDoc } from '../flows/types'
import { decide, fileWord, type PolicyInput } from './policy'
import type { ServiceContext } from './say'
import { initialState } from './state'

const t = (id: string, en: string, zh: string, buttons?: TemplateDoc['buttons']): TemplateDoc => ({
  id,
  version: 0,
  locales: { en, 'zh-CN': zh },
  ...(buttons ? { buttons } : {}),
  updatedAt: '2026-01-01T00:00:00.000Z',
})

const pack: FlowPack = {
  templates: {
    greeting: t('greeting', 'Hi from {{shop.name}}', '你好，这里是{{shop.name}}', [
      { id: 'topic.order', labels: { en: 'Order', 'zh-CN': '订单' } },
    ]),
    'order.ask': t('order.ask', 'Your order number?', '请提供订单号'),
    'order.confirm': t('order.confirm', 'Order {{order.id}}, right?', '订单 {{order.id}} 对吗？'),
    'order.done': t('order.done', 'Passed on.', '已转交。'),
    reask: t('reask', 'Could you say more?', '能再说详细些吗？'),
    offer: t('offer', 'Shall I get a person?', '需要转人工吗？'),
    human: t('human', 'A person will reply.', '人工客服马上回复。'),
    attachment: t('attachment', 'Got your photo.', '照片收到了。'),
  },
  flow: {
    id: 'main',
    version: 0,
    start: 'start',
    updatedAt: '2026-01-01T00:00:00.000Z',
    intents: [
      { id: 'hello', step: 'start', patterns: { en: ['^(hi|hello)$'], 'zh-CN': ['^你好$'] } },
      { id: 'human', step: 'human', patterns: { en: ['\\bhuman\\b'], 'zh-CN': ['人工'] } },
      { id: 'order', step: 'order.ask', patterns: { en: ['\\border\\b'], 'zh-CN': ['订单'] } },
    ],
    actions: { 'topic.order': 'order.ask', human: 'human', attachment: 'attachment' },
    steps: {
      start: { stage: 'greeting', say: ['greeting'] },
      'order.ask': {
        stage: 'listening',
        intent: 'order',
        say: ['order.ask'],
        capture: {
          variable: 'order.id',
          pattern: '(\\d{6,})',
          next: 'order.confirm',
          invalid: 'order.ask',
        },
      },
      'order.confirm': {
        stage: 'listening',
        intent: 'order',
        say: ['order.confirm'],
        on: { yes: 'order.done', no: 'order.ask' },
        replies: { yes: { en: ['^yes'], 'zh-CN': ['^是'] } },
      },
      'order.done': { stage: 'solution', intent: 'order', say: ['order.done'] },
      reask: { stage: 'listening', say: ['reask'] },
      offer: { stage: 'listening', say: ['offer'] },
      human: { stage: 'solution', intent: 'human', say: ['human'], handoff: true },
      attachment: { stage: 'solution', say: ['attachment'] },
    },
    fallback: { reask: 'reask', offerHuman: 'offer' },
  },
}

const ctx: ServiceContext = {
  shopName: 'Test Shop',
  replyMinutes: 5,
  hoursOpen: '09:00-23:30',
  returnDays: 7,
}
const fresh = () => initialState('telegram:1', 'telegram', { id: '1' }, 0)
const msg = (text: string, languageHint?: string): PolicyInput => ({
  type: 'message',
  text,
  attachments: [],
  languageHint,
})

const run = (texts: string[]) => {
  let state = fresh()
  const said: string[][] = []
  for (const [i, text] of texts.entries()) {
    const d = decide(state, msg(text), pack, ctx, i + 1)
    state = d.state
    said.push(d.replies.map((r) => r.template ?? r.text))
  }
  return { state, said }
}

describe('decide', () => {
  it('greets a first "hi" with the greeting alone, in the customer\'s language', () => {
    const d = decide(fresh(), msg('你好'), pack, ctx, 1)
    expect(d.replies.map((r) => r.text)).toEqual(['你好，这里是Test Shop'])
    expect(d.replies[0]?.buttons).toEqual([{ id: 'topic.order', label: '订单' }])
    expect(d.state).toMatchObject({ greeted: true, locale: 'zh-CN', stage: 'greeting' })
  })

  it('greets and answers a first message that already says what it is about', () => {
    const { said, state } = run(['where is my order?'])
    expect(said).toEqual([['greeting', 'order.ask']])
    expect(state).toMatchObject({
      locale: 'en',
      intent: 'order',
      step: 'order.ask',
      stage: 'listening',
    })
  })

  it('asks for the order number, captures it and confirms it back', () => {
    const { said, state } = run(['my order', 'it is 20261123', 'yes'])
    expect(said[1]).toEqual(['order.confirm'])
    expect(state.vars['order.id']).toBe('20261123')
    expect(said[2]).toEqual(['order.done'])
    expect(state.stage).toBe('solution')
  })

  it('re-asks for an order number it cannot read', () => {
    const { said } = run(['order', 'no idea'])
    expect(said[1]).toEqual(['order.ask'])
  })

  it('re-asks once, then offers a human, and resets after a match', () => {
    const { said, state } = run(['hello', 'blah', 'blah blah', 'order'])
    expect(said.slice(1)).toEqual([['reask'], ['offer'], ['order.ask']])
    expect(state.fallbackStreak).toBe(0)
  })

  it('greets and re-asks a first message it does not understand', () => {
    const d = decide(fresh(), msg('blah blah'), pack, ctx, 1)
    expect(d.replies.map((r) => r.template)).toEqual(['greeting', 'reask'])
    expect(d.handling).toBe('fallback')
  })

  it('hands off to a human and stays silent while the human owns it', () => {
    const { said, state } = run(['hi', 'I want a human', 'hello?'])
    expect(said[1]).toEqual(['human'])
    expect(said[2]).toEqual([])
    expect(state.owner).toBe('human')
  })

  it('routes a button press through the step, then the global actions', () => {
    let state = run(['order', '123456']).state
    const yes = decide(state, { type: 'action', actionId: 'yes' }, pack, ctx, 9)
    expect(yes.replies.map((r) => r.template)).toEqual(['order.done'])
    state = yes.state
    const topic = decide(state, { type: 'action', actionId: 'topic.order' }, pack, ctx, 10)
    expect(topic.replies.map((r) => r.template)).toEqual(['order.ask'])
    const unknown = decide(state, { type: 'action', actionId: 'nope' }, pack, ctx, 11)
    expect(unknown.replies.map((r) => r.template)).toEqual(['reask'])
  })

  it('routes a bare photo through the attachment action', () => {
    const state = run(['hi']).state
    const d = decide(
      state,
      { type: 'message', text: '', attachments: [{ kind: 'image', ref: 'f1' }] },
      pack,
      ctx,
      5
    )
    expect(d.replies.map((r) => r.template)).toEqual(['attachment'])
  })

  it('names what the customer sent: a voice note is not a picture', () => {
    const state = run(['hi']).state
    const said = (attachments: { kind: 'image' | 'audio' | 'video' | 'file'; ref: string }[]) =>
      decide(state, { type: 'message', text: '', attachments }, pack, ctx, 5).state.vars[
        'file.kind'
      ]
    expect(said([{ kind: 'audio', ref: 'v1' }])).toBe('voice message')
    expect(
      said([
        { kind: 'image', ref: 'p1' },
        { kind: 'image', ref: 'p2' },
      ])
    ).toBe('pictures')
    expect(
      said([
        { kind: 'image', ref: 'p1' },
        { kind: 'file', ref: 'd1' },
      ])
    ).toBe('files')
    expect(fileWord([{ kind: 'video', ref: 'x' }], 'zh-CN')).toBe('视频')
  })

  it('uses the platform language hint only when the text says nothing', () => {
    expect(decide(fresh(), msg('👍', 'en'), pack, ctx, 1).state.locale).toBe('en')
    expect(decide(fresh(), msg('订单', 'en'), pack, ctx, 1).state.locale).toBe('zh-CN')
  })

  it('lets an agent take over and a close hand it back to the bot', () => {
    const { state } = run(['hi'])
    const agent = decide(
      state,
      { type: 'agent_reply', text: 'Hi, Mia here', agent: 'mia' },
      pack,
      ctx,
      5
    )
    expect(agent.replies).toEqual([{ author: 'agent', agent: 'mia', text: 'Hi, Mia here' }])
    expect(agent.state).toMatchObject({ owner: 'human', agent: 'mia', lastAgentReplyAt: 5 })
    const closed = decide(agent.state, { type: 'close', by: 'mia' }, pack, ctx, 6)
    expect(closed.state).toMatchObject({ status: 'resolved', owner: 'bot', resolvedAt: 6 })
    const again = decide(closed.state, msg('order'), pack, ctx, 7)
    expect(again.state.status).toBe('open')
    expect(again.replies.map((r) => r.template)).toEqual(['order.ask'])
  })

  it('does not change the input state', () => {
    const state = fresh()
    const copy = structuredClone(state)
    decide(state, msg('order'), pack, ctx, 1)
    expect(state).toEqual(copy)
  })
})

describe('action ids from platforms', () => {
  const press = (actionId: string): PolicyInput => ({ type: 'action', actionId, label: actionId })
  const greeted = () => decide(fresh(), msg('hi'), pack, ctx, 1).state

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])(
    '%s finds no action: it is treated like any unknown button, not as a handoff',
    (id) => {
      const d = decide(greeted(), press(id), pack, ctx, 2)
      const unknown = decide(greeted(), press('no-such-button'), pack, ctx, 2)
      expect(d.state.owner).toBe('bot')
      expect(d.replies.map((r) => r.template)).toEqual(unknown.replies.map((r) => r.template))
      expect(d.handling).toBe(unknown.handling)
    }
  )

  it('any id that is not an own action or step transition behaves like an unknown one (fuzzed)', () => {
    const known = new Set(Object.keys(pack.flow.actions))
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype))),
        (id) => {
          fc.pre(!known.has(id) && !Object.hasOwn(pack.flow.steps.start?.on ?? {}, id))
          const d = decide(greeted(), press(id), pack, ctx, 2)
          expect(d.state.owner).toBe('bot')
          expect(d.state.step).not.toBe('human')
        }
      ),
      { numRuns: 300 }
    )
  })
})

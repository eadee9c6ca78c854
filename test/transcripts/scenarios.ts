import { expect } from 'vitest'
import { conversation, type Turn } from './script'

/** Where the shop's clock stands when a scripted conversation starts (Asia/Shanghai, a Monday). */
export type ClockPosition = 'day' | 'late' | 'night'

/** Day shift, ten minutes before the last shift ends, and the middle of the night. */
export const CLOCKS: Record<ClockPosition, string> = {
  day: '2026-12-07 14:00',
  late: '2026-12-07 23:20',
  night: '2026-12-08 03:56',
}

type Conversation = ReturnType<typeof conversation>

/** One scripted conversation: what the customer does, and which templates answer each turn. */
export interface Scenario {
  id: string
  locale: 'zh-CN' | 'en'
  /** DOMAIN §2 scenario it covers. */
  covers: string
  run: (c: Conversation, at: ClockPosition, said: Said) => void
}

/** Asserts the templates of one turn's replies, in order. */
export type Said = (turn: Turn[], expected: (string | false | undefined)[]) => void

/** The templates of a turn, as expected: `false`/undefined entries are dropped (conditional lines). */
export const said: Said = (turn, expected) =>
  expect(turn.map((t) => t.template ?? t.who)).toEqual(
    expected.filter((e): e is string => typeof e === 'string')
  )

const MIN = 60_000
const HOUR = 60 * MIN

/** The template said at this clock position: the off-hours twin at night. */
const tw = (id: string, at: ClockPosition) => (at === 'night' ? `${id}.offhours` : id)
/** The off-hours notice: at night, with a first answer that doesn't say when people are back. */
const notice = (at: ClockPosition) => at === 'night' && 'offhours'

/** The scripted conversations: every scenario of the handbook, in both languages. */
export const SCENARIOS: Scenario[] = [
  {
    id: 'presale-size',
    locale: 'zh-CN',
    covers: 'pre-sale inquiry: restated and confirmed, then a sales colleague with a time',
    run: (c, at, s) => {
      s(c.says('这件外套黑色的有M码吗？我身高170，体重120斤'), [
        'intro',
        notice(at),
        'presale.restate',
      ])
      s(c.says('对'), [tw('presale.handover', at)])
      s(c.says('好的'), [tw('holding.ack', at)])
      s(c.untilStaffed(), [])
      s(c.agent('亲，170/120斤穿M码正合适，黑色M码有现货哦～'), ['agent'])
    },
  },
  {
    id: 'presale-size',
    locale: 'en',
    covers: 'pre-sale inquiry: restated and confirmed, then a sales colleague with a time',
    run: (c, at, s) => {
      s(c.says("Do you have the denim jacket in black? I'm 175cm and 70kg, not sure which size"), [
        'intro',
        notice(at),
        'presale.restate',
      ])
      s(c.says('not quite'), ['presale.clarify'])
      s(c.says('Which size would fit me, M or L?'), ['presale.restate'])
      s(c.says("yes that's right"), [tw('presale.handover', at)])
    },
  },
  {
    id: 'shop-facts',
    locale: 'zh-CN',
    covers: 'pre-sale facts from the knowledge base, answered at any hour; closing once',
    run: (c, at, s) => {
      s(c.says('你好，包邮吗？'), ['intro', notice(at), 'kb.shipping_fee'])
      s(c.says('还有，能开发票吗'), ['kb.invoice'])
      s(c.says('没有了，谢谢'), ['farewell'])
      s(c.says('👍'), [])
    },
  },
  {
    id: 'shop-facts',
    locale: 'en',
    covers: 'pre-sale facts from the knowledge base, answered at any hour; closing once',
    run: (c, at, s) => {
      s(c.says('Do you ship to Canada?'), ['intro', notice(at), 'kb.shipping_regions'])
      s(c.says('Yes, something else'), ['ask_more'])
      s(c.says('How long does delivery usually take?'), ['kb.shipping_time'])
      s(c.says('no thanks'), ['farewell'])
      s(c.says('thank you!'), [])
    },
  },
  {
    id: 'price-comparison',
    locale: 'zh-CN',
    covers: 'sensitive topics: a price comparison steered to the shop’s guarantees',
    run: (c, at, s) => {
      s(c.says('同样的衣服别家便宜30块，为什么要在你们家买？'), ['intro', notice(at), 'compare'])
      s(c.says('👍'), ['farewell'])
    },
  },
  {
    id: 'price-comparison',
    locale: 'en',
    covers: 'sensitive topics: a price comparison steered to the shop’s guarantees',
    run: (c, at, s) => {
      s(
        c.says(
          'I saw the same hoodie for $15 less on another site. Then why should I buy from you?'
        ),
        ['intro', notice(at), 'compare']
      )
      s(c.says('ok'), ['farewell'])
    },
  },
  {
    id: 'order-status',
    locale: 'zh-CN',
    covers:
      'order query: the order checked against the shop’s orders for this customer, status and tracking at once',
    run: (c, at, s) => {
      // At night the shipping notice waits for the morning; the customer asking first gets the status.
      s(
        c.order({
          type: 'order.shipped',
          orderId: '20261201555',
          carrier: '中通快递',
          tracking: 'ZT7788123',
        }),
        [at !== 'night' && 'order.tracking']
      )
      // The one order the shop reported for this customer is confirmed, not asked for again.
      s(c.says('我的订单到哪了'), ['intro', notice(at), 'order.confirm_id'])
      s(c.says('对的'), ['order.status'])
      s(c.says('没有了，谢谢'), ['farewell'])
    },
  },
  {
    id: 'order-status',
    locale: 'en',
    covers:
      'order query: the order checked against the shop’s orders for this customer, status and tracking at once',
    run: (c, at, s) => {
      // Two orders: the customer's number says which one (and that it is theirs).
      s(c.order({ type: 'order.paid', orderId: 'A2026120777' }), [])
      s(c.order({ type: 'order.created', orderId: 'A2026120778' }), [])
      s(c.says("Hi, where's my order? I paid two days ago"), ['intro', notice(at), 'order.ask_id'])
      s(c.says('it is #A2026120777'), ['order.confirm_id'])
      s(c.says('yep'), ['order.status'])
      s(c.says("no, that's all"), ['farewell'])
    },
  },
  {
    id: 'order-change',
    locale: 'en',
    covers: 'order change: an order the shop has not reported goes to a person with a time',
    run: (c, at, s) => {
      s(c.says('I need to change the delivery address on my order'), [
        'intro',
        notice(at),
        'order.ask_id',
      ])
      s(c.says('sure, one sec'), ['ack.waiting'])
      s(c.says('B20261130042'), ['order.confirm_id'])
      s(c.says('correct'), [tw('order.next_steps', at)])
      s(c.says('New address: 88 Nanjing Road, Shanghai'), [tw('holding', at)])
      if (at !== 'night') s(c.wait(6 * MIN), ['promise.update'])
      s(c.untilStaffed(), [])
      s(c.agent("Hi, this is Mia - I've updated the address on B20261130042."), ['agent'])
    },
  },
  {
    id: 'order-change',
    locale: 'zh-CN',
    covers: 'order change: an order the shop has not reported goes to a person with a time',
    run: (c, at, s) => {
      s(c.says('我想改一下收货地址'), ['intro', notice(at), 'order.ask_id'])
      s(c.says('20261130042'), ['order.confirm_id'])
      s(c.says('不对'), ['order.retry_id'])
      s(c.says('20261130024'), ['order.confirm_id'])
      s(c.says('是的'), [tw('order.next_steps', at)])
    },
  },
  {
    id: 'logistics-missing',
    locale: 'zh-CN',
    covers: 'logistics: missing items, packing-slip photo, a time for the courier check',
    run: (c, at, s) => {
      s(c.says('包裹收到了，但是少了一件'), ['intro', notice(at), 'logistics.ask'])
      s(c.says('202612020001'), ['order.confirm_id'])
      s(c.says('嗯'), [tw('logistics.next_steps', at), 'ticket.noted'])
      // The customer holds a time for the result, not for a reply: that time is what they hear again.
      s(c.sendsPhoto(), [tw('holding.case', at)])
      s(c.wait(5 * HOUR), at === 'day' ? ['progress'] : [])
    },
  },
  {
    id: 'logistics-stuck',
    locale: 'en',
    covers: 'logistics: a parcel stuck in transit, chased with a time',
    run: (c, at, s) => {
      s(c.says("My parcel hasn't moved for 4 days, tracking still says in transit"), [
        'intro',
        notice(at),
        'logistics.ask',
      ])
      s(c.says('ok'), ['ack.waiting'])
      s(c.says('order 202612020002'), ['order.confirm_id'])
      s(c.says('Yes'), [tw('logistics.next_steps', at), 'ticket.noted'])
    },
  },
  {
    id: 'aftersale-quality',
    locale: 'en',
    covers: 'after-sale: a defect, photos asked for, the shop pays shipping',
    run: (c, at, s) => {
      // The customer already said it is a defect: no policy lecture, straight to what is needed.
      s(c.says('The zipper broke after two days. I want a refund'), [
        'intro',
        notice(at),
        'return.quality',
      ])
      s(c.says('20261130777'), ['order.confirm_id'])
      s(c.says('👍'), [tw('return.next_steps', at), 'ticket.noted.due'])
      s(c.sendsPhoto(), [tw('holding', at)])
    },
  },
  {
    id: 'aftersale-noreason',
    locale: 'zh-CN',
    covers: 'after-sale: a 7-day no-reason return, the customer pays return shipping',
    run: (c, at, s) => {
      s(c.says('衣服不合适，想退货'), ['intro', notice(at), 'return.noreason'])
      s(c.says('订单号是20261129001'), ['order.confirm_id'])
      s(c.says('没错'), [tw('return.next_steps', at)])
    },
  },
  {
    id: 'complaint',
    locale: 'zh-CN',
    covers: 'complaint: apologise, the facts recorded, a solution with a time; progress updates',
    run: (c, at, s) => {
      s(c.says('你们的衣服质量太差了，洗一次就掉色，我要投诉！'), ['intro', tw('complaint', at)])
      s(c.says('订单号 202612010088'), [tw('holding', at)])
      s(c.untilStaffed(), [])
      s(c.agent('您好，我是主管小林，非常抱歉给您添麻烦了，我马上核实。'), ['agent'])
      // Progress every two staffed hours while the case is open: none falls into the night.
      s(c.wait(2 * HOUR + MIN), at === 'late' ? [] : ['progress'])
    },
  },
  {
    id: 'complaint',
    locale: 'en',
    covers: 'complaint: apologise, the facts recorded, a solution with a time',
    run: (c, at, s) => {
      s(
        c.says(
          'I want to make a complaint. The sweater arrived with a hole and nobody answered my email'
        ),
        ['intro', tw('complaint', at)]
      )
      s(c.says('thanks'), [tw('holding.ack', at)])
    },
  },
  {
    id: 'payment-trouble',
    locale: 'en',
    covers: 'payment follow-up: self-help, then a person when it still fails',
    run: (c, at, s) => {
      s(c.says('I tried to pay but my card keeps getting declined'), [
        'intro',
        notice(at),
        'payment.help',
      ])
      s(c.says('Still not working'), [tw('handoff', at)])
    },
  },
  {
    id: 'payment-reminder',
    locale: 'zh-CN',
    covers: 'payment follow-up: an unpaid order gets one reminder after 12 staffed hours',
    run: (c, at, s) => {
      s(
        c.order({ type: 'order.created', orderId: '20261207321', amount: 199, currency: 'CNY' }),
        []
      )
      s(c.wait(24 * HOUR), ['payment.reminder'])
      s(c.says('好的，马上付'), ['intro', notice(at), 'ack'])
    },
  },
  {
    id: 'person',
    locale: 'zh-CN',
    covers: 'a request for a person: a handoff that says who and when, no apology, no escalation',
    run: (c, at, s) => {
      s(c.says('我想找人工客服'), ['intro', tw('handoff', at)])
      expect(c.state.level).toBe(0)
      s(c.says('好的，那等明天有人了再说'), [tw('holding', at)])
    },
  },
  {
    id: 'person',
    locale: 'en',
    covers: 'a request for a person: a handoff that says who and when, no apology, no escalation',
    run: (c, at, s) => {
      s(c.says('Can I talk to a real person please?'), ['intro', tw('handoff', at)])
      expect(c.state.level).toBe(0)
      s(c.says('ok'), [tw('holding.ack', at)])
    },
  },
  {
    id: 'legal-threat',
    locale: 'zh-CN',
    covers: 'escalation level 2: legal risk goes to the responsible team with a time limit',
    run: (c, at, s) => {
      s(c.says('再不处理我就去12315投诉，还要找律师起诉你们'), [
        'intro',
        tw('escalation.level2', at),
      ])
      expect(c.state.level).toBe(2)
    },
  },
  {
    id: 'angry-repeat',
    locale: 'en',
    covers: 'escalation level 1: an angry customer is not asked to repeat the problem',
    run: (c, at, s) => {
      s(c.says("This is the THIRD time I'm asking!!! Where is my parcel???"), [
        'intro',
        tw('escalation.level1', at),
      ])
      expect(c.state.level).toBe(1)
    },
  },
  {
    id: 'survey',
    locale: 'en',
    covers: 'closing the loop: the survey once, the rating and a comment stored',
    run: (c, at, s) => {
      s(c.says('Can I speak to someone about an exchange?'), ['intro', tw('handoff', at)])
      s(c.untilStaffed(), [])
      s(c.agent("Hi, Mia here. I've arranged the exchange: the courier picks it up tomorrow."), [
        'agent',
      ])
      s(c.resolve('exchange arranged'), ['survey'])
      s(c.says('5'), ['survey.thanks'])
      s(c.says('Mia was great, thanks'), ['survey.comment'])
      expect(c.state.survey).toMatchObject({ rating: 5, comment: 'Mia was great, thanks' })
    },
  },
  {
    id: 'logistics-missing',
    locale: 'en',
    covers: 'logistics: missing items, packing-slip photo, a time for the courier check',
    run: (c, at, s) => {
      s(c.says('My package arrived but one of the two shirts is missing'), [
        'intro',
        notice(at),
        'logistics.ask',
      ])
      s(c.says('202612020003'), ['order.confirm_id'])
      s(c.says("Yes, that's right"), [tw('logistics.next_steps', at), 'ticket.noted'])
      s(c.sendsPhoto(), [tw('holding.case', at)])
    },
  },
  {
    id: 'logistics-stuck',
    locale: 'zh-CN',
    covers: 'logistics: a parcel stuck in transit, chased with a time',
    run: (c, at, s) => {
      s(c.says('快递三天了都没动，怎么回事'), ['intro', notice(at), 'logistics.ask'])
      s(c.says('好的'), ['ack.waiting'])
      s(c.says('202612020004'), ['order.confirm_id'])
      s(c.says('对'), [tw('logistics.next_steps', at), 'ticket.noted'])
    },
  },
  {
    id: 'aftersale-quality',
    locale: 'zh-CN',
    covers: 'after-sale: a defect, photos asked for, the shop pays shipping',
    run: (c, at, s) => {
      s(c.says('收到的杯子有裂缝，漏水'), ['intro', notice(at), 'return.quality'])
      s(c.says('20261130888'), ['order.confirm_id'])
      s(c.says('是的'), [tw('return.next_steps', at), 'ticket.noted.due'])
      s(c.sendsPhoto(), [tw('holding', at)])
    },
  },
  {
    id: 'aftersale-noreason',
    locale: 'en',
    covers: 'after-sale: a 7-day no-reason return, the customer pays return shipping',
    run: (c, at, s) => {
      s(c.says("The dress doesn't fit, can I send it back?"), [
        'intro',
        notice(at),
        'return.noreason',
      ])
      s(c.says('order 20261129002'), ['order.confirm_id'])
      s(c.says('yes'), [tw('return.next_steps', at)])
    },
  },
  {
    id: 'payment-trouble',
    locale: 'zh-CN',
    covers: 'payment follow-up: self-help, then a person when it still fails',
    run: (c, at, s) => {
      s(c.says('付款一直失败，银行卡付不了'), ['intro', notice(at), 'payment.help'])
      s(c.says('可以了，谢谢'), ['closing'])
      s(c.says('没有了'), ['farewell'])
    },
  },
  {
    id: 'payment-reminder',
    locale: 'en',
    covers: 'payment follow-up: an unpaid order gets one reminder after 12 staffed hours',
    run: (c, at, s) => {
      s(
        c.order({
          type: 'order.created',
          orderId: 'A20261207654',
          amount: 59,
          currency: 'USD',
          locale: 'en',
        }),
        []
      )
      s(c.wait(24 * HOUR), ['payment.reminder'])
      s(c.presses('Trouble paying'), ['intro', notice(at), 'payment.help'])
      s(c.says('yes it worked'), ['closing'])
    },
  },
  {
    id: 'work-order',
    locale: 'zh-CN',
    covers:
      'work order: missing details asked for, registered with a time, progress at the interval, closed with the outcome',
    run: (c, at, s) => {
      c.says('我买的花瓶收到的时候已经碎了')
      s(c.ticket('quality', 'high'), ['ticket.ask'])
      s(c.says('订单号202612070009，电话13800138009'), ['ticket.registered'])
      // Progress every 4 staffed hours, never at night; nothing at all before the first interval.
      s(c.wait(20 * HOUR), ['ticket.progress'])
      s(c.untilStaffed(), [])
      s(c.ticketMoved('closed', '我们今天给您补发一个新的花瓶，碎的那个不用寄回。'), [
        'agent',
        'ticket.closed',
      ])
    },
  },
  {
    id: 'work-order',
    locale: 'en',
    covers:
      'work order: missing details asked for, registered with a time, progress at the interval, closed with the outcome',
    run: (c, at, s) => {
      c.says('The vase I ordered arrived broken into pieces')
      s(c.ticket('quality', 'high'), ['ticket.ask'])
      s(c.says('Order 202612070009, phone 138 0013 8009'), ['ticket.registered'])
      // Two days: the two wordings in turn, then past the deadline an apology that names no new time.
      s(c.wait(48 * HOUR), ['ticket.progress', 'ticket.progress.again', 'ticket.progress.late'])
      s(c.untilStaffed(), [])
      s(
        c.ticketMoved(
          'closed',
          "We're sending you a new vase today; there's no need to return the broken one."
        ),
        ['agent', 'ticket.closed']
      )
    },
  },
  {
    id: 'bad-review',
    locale: 'zh-CN',
    covers: 'reviews: a bad review is followed up like a complaint, with a time',
    run: (c, at, s) => {
      s(c.says('东西和图片差太多了，我已经给了差评'), ['intro', tw('complaint', at)])
    },
  },
  {
    id: 'bad-review',
    locale: 'en',
    covers: 'reviews: a bad review is followed up like a complaint, with a time',
    run: (c, at, s) => {
      s(c.says("I'm leaving a 1-star review, the colour looks nothing like the photos"), [
        'intro',
        tw('complaint', at),
      ])
    },
  },
  {
    id: 'abuse',
    locale: 'zh-CN',
    covers: 'sensitive topics: abuse answered calmly, never ended by the shop, risk control told',
    run: (c, at, s) => {
      s(c.says('你们这群骗子，垃圾店，退钱！'), ['intro', tw('abuse.calm', at)])
      expect(c.state.owner).toBe('human')
      expect(c.notices.map((n) => n.team)).toContain('risk')
    },
  },
  {
    id: 'abuse',
    locale: 'en',
    covers: 'sensitive topics: abuse answered calmly, never ended by the shop, risk control told',
    run: (c, at, s) => {
      s(c.says('You are useless idiots, give me my money back'), ['intro', tw('abuse.calm', at)])
      expect(c.state.owner).toBe('human')
    },
  },
  {
    id: 'legal-threat',
    locale: 'en',
    covers: 'escalation level 2: legal risk goes to the responsible team with a time limit',
    run: (c, at, s) => {
      s(
        c.says(
          'If this is not fixed today my lawyer will contact you and I will report you to consumer protection'
        ),
        ['intro', tw('escalation.level2', at)]
      )
      expect(c.state.level).toBe(2)
    },
  },
  {
    id: 'angry-repeat',
    locale: 'zh-CN',
    covers:
      'escalation level 1: an angry second complaint goes to senior agents, who are not asked to start over',
    run: (c, at, s) => {
      s(c.says('我要投诉，快递到现在还没到'), ['intro', tw('complaint', at)])
      // A second, angry complaint about the same problem: senior agents, with the times already given.
      s(c.says('怎么还没人管？太差了'), [tw('escalation.level1', at)])
      expect(c.state.level).toBe(1)
    },
  },
  {
    id: 'survey',
    locale: 'zh-CN',
    covers: 'closing the loop: the survey once; a low rating goes to a supervisor',
    run: (c, at, s) => {
      s(c.says('转人工'), ['intro', tw('handoff', at)])
      s(c.untilStaffed(), [])
      s(c.agent('您好，我是小林，您的换货已经安排好了，明天快递上门取件。'), ['agent'])
      s(c.resolve('安排换货'), ['survey'])
      // By now people are at work (the agent answered), so the supervisor's time is a staffed one.
      s(c.says('2'), ['survey.low'])
      expect(c.state.owner).toBe('human')
      // The supervisor's time is one the alarm enforces.
      expect(c.state.sla.targets.first_response).toMatchObject({ status: 'running' })
    },
  },
  {
    id: 'aftersale-choice',
    locale: 'zh-CN',
    covers: 'after-sale: a return without a reason given gets the policy and a choice',
    run: (c, at, s) => {
      s(c.says('我想退货'), ['intro', notice(at), 'return.policy'])
      s(c.presses('质量问题/发错货'), ['return.quality'])
      s(c.says('202611300999'), ['order.confirm_id'])
      s(c.says('对的'), [tw('return.next_steps', at), 'ticket.noted.due'])
    },
  },
  {
    id: 'greeting',
    locale: 'en',
    covers: 'opening: a bare hello gets the greeting with the topics under the newest message',
    run: (c, at, s) => {
      const replies = c.says('hello')
      s(replies, ['greeting', notice(at)])
      expect(replies.at(-1)?.buttons).toContain('Talk to a person')
      s(c.says('2'), ['order.ask_id'])
    },
  },
  {
    id: 'not-understood',
    locale: 'zh-CN',
    covers:
      'a message the bot misses: the team is alerted when its target passes, the bot keeps answering',
    run: (c, at, s) => {
      s(c.says('asdf qwer zxcv'), ['intro', notice(at), 'fallback.reask'])
      c.wait(6 * HOUR)
      expect(c.state).toMatchObject({ owner: 'bot', level: 1 })
      expect(c.notices.map((n) => n.team)).toContain('senior')
      // Six hours after 23:20 it is night: the day's off-hours notice comes first.
      s(c.says('包邮吗？'), [at === 'late' && 'offhours', 'kb.shipping_fee'])
    },
  },
  {
    id: 'order-given-with-question',
    locale: 'en',
    covers:
      'order query: a number given with the question is taken, even when the shop reported another',
    run: (c, at, s) => {
      s(
        c.order({
          type: 'order.shipped',
          orderId: 'ORD11112222',
          carrier: 'SF Express',
          tracking: 'SF123',
          locale: 'en',
        }),
        [at !== 'night' && 'order.tracking']
      )
      s(c.says('where is my order 98765432?'), ['intro', notice(at), 'order.confirm_id'])
      expect(c.state.vars['order.id']).toBe('98765432')
      s(c.says('yes'), [tw('order.next_steps', at)])
    },
  },
  {
    id: 'notice-buttons',
    locale: 'zh-CN',
    covers:
      'a shipping notice (held until morning at night) to a customer who never wrote: a typed "1" presses its button',
    run: (c, at, s) => {
      s(
        c.order({
          type: 'order.shipped',
          orderId: '20261201666',
          carrier: '中通快递',
          tracking: 'ZT1',
        }),
        [at !== 'night' && 'order.tracking']
      )
      // Held for the morning at night, then sent once when people are at work.
      s(c.untilStaffed(), at === 'night' ? ['order.tracking'] : [])
      s(c.says('1'), ['intro', 'logistics.ask'])
    },
  },
  {
    id: 'overdue-case',
    locale: 'zh-CN',
    covers:
      'a case that runs late: one renewed solution time, then progress without times that have passed',
    run: (c, at, s) => {
      s(c.says('快递显示签收了但是我没收到'), ['intro', notice(at), 'logistics.ask'])
      s(c.says('202612050001'), ['order.confirm_id'])
      s(c.says('对'), [tw('logistics.next_steps', at), 'ticket.noted'])
      s(c.untilStaffed(), [])
      s(c.agent('您好，我是小林，正在联系快递核实。'), ['agent'])
      c.wait(30 * HOUR)
      const updates = c.turns.filter((t) => t.template === 'promise.update.resolution')
      expect(updates).toHaveLength(1)
    },
  },
]

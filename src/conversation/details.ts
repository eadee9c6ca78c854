/** Facts a shopper gives about what they want (kept in `vars` as `fact.*`). */
export type Fact = 'height' | 'weight' | 'size' | 'colour'

const ZH_COLOURS = '黑|白|红|蓝|灰|粉|绿|黄|紫|棕|米|卡其|藏青|军绿|咖啡|酒红|驼'
const EN_COLOURS =
  'black|white|red|blue|navy|grey|gray|pink|green|yellow|purple|brown|beige|khaki|cream'
const SIZE = '(?:XXS|XS|S|M|L|XL|XXL|XXXL|[2-5]XL)'

const first = (text: string, patterns: RegExp[]): RegExpExecArray | null => {
  for (const re of patterns) {
    const m = re.exec(text)
    if (m) return m
  }
  return null
}

/** Height, weight, size and colour as the customer wrote them, normalised; only what was found. */
export const extractFacts = (raw: string): Partial<Record<Fact, string>> => {
  const text = raw.normalize('NFKC')
  const facts: Partial<Record<Fact, string>> = {}
  const height = first(text, [
    /(?:身高|height|tall|高)\s*[:：]?\s*(1[4-9]\d)(?!\d)/iu,
    /(?<!\d)(1[4-9]\d)\s*(?:cm|厘米|公分)/iu,
    /1\s*米\s*([4-9])\s*(\d)?/u,
    /(?<!\d)(1\.[4-9]\d?)\s*(?:m|米)(?![a-z])/iu,
  ])
  if (height?.[1]) {
    const h =
      height[0].includes('米') && !height[0].includes('.') && height[1].length === 1
        ? 100 + Number(height[1]) * 10 + Number(height[2] ?? 0)
        : height[1].includes('.')
          ? Math.round(Number(height[1]) * 100)
          : Number(height[1])
    facts.height = `${h}cm`
  }
  const weight = first(text, [
    /(?<!\d)(\d{2,3}(?:\.\d)?)\s*(kg|公斤|千克|斤|lbs?|pounds)/iu,
    /(?:体重|weight|weigh)\s*[:：]?\s*(\d{2,3})(?!\d)\s*(斤)?/iu,
  ])
  if (weight?.[1]) {
    const unit = (weight[2] ?? '').toLowerCase()
    facts.weight =
      unit === '斤'
        ? `${weight[1]}斤`
        : /^(lb|lbs|pounds)$/.test(unit)
          ? `${weight[1]} lb`
          : `${weight[1]}kg`
  }
  const size = first(text, [
    new RegExp(`(?:size|尺码|穿|拿|要|买)\\s*[:：]?\\s*(${SIZE})(?![A-Za-z])`, 'u'),
    new RegExp(`(?<![A-Za-z])(${SIZE})\\s*(?:码|号)`, 'u'),
    /(均码)/u,
  ])
  if (size?.[1]) facts.size = size[1].toUpperCase()
  const colour = first(text, [
    new RegExp(`(${ZH_COLOURS})色`, 'u'),
    new RegExp(`\\b(${EN_COLOURS})\\b`, 'iu'),
  ])
  if (colour?.[1])
    facts.colour = /\p{Script=Han}/u.test(colour[1]) ? `${colour[1]}色` : colour[1].toLowerCase()
  return facts
}

const EN_COLOUR_OF: Record<string, string> = {
  黑色: 'black',
  白色: 'white',
  红色: 'red',
  蓝色: 'blue',
  灰色: 'grey',
  粉色: 'pink',
  绿色: 'green',
}

/** The facts as one short phrase for the restatement: `（您提到：身高170cm、体重60kg）`, `, and you mentioned: height 170 cm, size M`. */
export const describeFacts = (facts: Partial<Record<Fact, string>>, locale: string): string => {
  const zh = /^zh/i.test(locale)
  const parts: string[] = []
  if (facts.height)
    parts.push(zh ? `身高${facts.height}` : `height ${facts.height.replace('cm', ' cm')}`)
  if (facts.weight)
    parts.push(
      zh
        ? `体重${facts.weight}`
        : `weight ${facts.weight.replace('kg', ' kg').replace('斤', ' jin')}`
    )
  if (facts.size)
    parts.push(
      zh
        ? facts.size === '均码'
          ? '均码'
          : `${facts.size}码`
        : facts.size === '均码'
          ? 'one size'
          : `size ${facts.size}`
    )
  if (facts.colour)
    parts.push(zh ? facts.colour : `colour ${EN_COLOUR_OF[facts.colour] ?? facts.colour}`)
  if (parts.length === 0) return ''
  return zh ? `（您提到：${parts.join('、')}）` : `, and you mentioned: ${parts.join(', ')}`
}

/** The customer's question as restated back: its first sentence, at most 60 characters. */
export const clipQuestion = (text: string): string => {
  const line = text.replace(/\s+/g, ' ').trim()
  // The first sentence carries the question; the facts after it are restated on their own.
  const sentence = /^(.{4,}?[？?。!！])\s*\S/u.exec(line)?.[1] ?? line
  const chars = Array.from(sentence)
  return chars.length > 60 ? `${chars.slice(0, 58).join('').trimEnd()}…` : sentence
}

/** Facts the restated question doesn't already show. */
export const factsBeyond = (
  facts: Partial<Record<Fact, string>>,
  question: string
): Partial<Record<Fact, string>> => {
  const q = question.normalize('NFKC').toLowerCase()
  const shown = (value: string) =>
    q.includes(
      value
        .toLowerCase()
        .replace(/cm|kg|斤|lb/g, '')
        .trim()
    )
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v && !shown(v)))
}

const ASPECTS = {
  stock:
    /有货|现货|库存|有没有|还有吗|缺货|补货|有[^，。？?]{0,8}[码号色]吗|in stock|available|do you (still )?have|sold out|come in/iu,
  size: /尺码|码数|[穿选拿][哪几什么]个?码|多大|偏大|偏小|合适吗|which size|what size|size (should|would|to)|fit me|will it fit|runs? (small|large|big)/iu,
  price: /多少钱|价格|价钱|优惠|打折|便宜|how much|price|discount|cheaper/iu,
  material: /材质|面料|成分|纯棉|起球|掉色吗|material|fabric|cotton|made of/iu,
} as const

type Aspect = keyof typeof ASPECTS

/**
 * The customer's need in one line, for the restatement (handbook stage 2): what they want to know
 * (stock of a variant, which size fits their height and weight, price, material) in the shop's
 * words; null when the question names none of these, and it is then quoted instead.
 */
export const restateNeed = (
  question: string,
  facts: Partial<Record<Fact, string>>,
  locale: string
): string | null => {
  const zh = /^zh/i.test(locale)
  const found = (Object.keys(ASPECTS) as Aspect[]).filter((a) =>
    ASPECTS[a].test(question.normalize('NFKC'))
  )
  const body = facts.height || facts.weight
  if (body && !found.includes('size')) found.push('size')
  if (found.length === 0) return null
  const colour = facts.colour
    ? zh
      ? facts.colour
      : (EN_COLOUR_OF[facts.colour] ?? facts.colour)
    : ''
  const size = facts.size ? (zh ? `${facts.size} 码` : `size ${facts.size}`) : ''
  const variant = zh
    ? [colour, size].filter(Boolean).join(' ')
    : [colour, size].filter(Boolean).join(', ')
  const physique = zh
    ? [facts.height && `身高${facts.height}`, facts.weight && `体重${facts.weight}`]
        .filter(Boolean)
        .join('、')
    : [facts.height?.replace('cm', ' cm'), facts.weight?.replace('kg', ' kg').replace('斤', ' jin')]
        .filter(Boolean)
        .join(' and ')
  const parts = found.map((aspect) => {
    switch (aspect) {
      case 'stock':
        return zh
          ? `${variant || '这款商品'}有没有货`
          : variant
            ? `whether it comes in ${variant}`
            : "whether it's in stock"
      case 'size':
        return zh
          ? `${physique ? physique : ''}穿哪个码合适`
          : `which size would fit you${physique ? ` at ${physique}` : ''}`
      case 'price':
        return zh ? '价格和优惠' : 'the price and any discounts'
      case 'material':
        return zh ? '材质和面料' : "what it's made of"
    }
  })
  return zh ? `您想知道${parts.join('，以及')}` : `you'd like to know ${parts.join(', and ')}`
}

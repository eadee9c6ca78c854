// Browser tests of the console and the web chat: the engine started as `npm start` starts it,
// Debian's chromium driven by playwright-core, axe-core on every page a person uses.
// Run with `npm run test:browser` (node's own test runner).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const require = createRequire(import.meta.url)
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const ARTIFACTS = 'test-artifacts'
const PORT = 8800 + Math.floor(Math.random() * 150)
const BASE = `http://127.0.0.1:${PORT}`
// A shop's own site on another origin, embedding the chat with the widget.
const SHOP_PORT = PORT + 200
const SHOP = `http://127.0.0.1:${SHOP_PORT}`
const shopSite = createServer((req, res) => {
  res.setHeader('content-type', 'text/html; charset=utf-8')
  res.end(`<!doctype html><html lang="en"><head><title>Shop</title><style>button{font-size:40px}</style></head>
<body><main><h1>Blue vase</h1><p>Our best seller.</p></main><script src="${BASE}/chat/widget.js" async></script></body></html>`)
})
const WAIT = { timeout: 15_000 }

let engine
let browser
let password = ''
const persist = mkdtempSync(join(tmpdir(), 'console-browser-'))

/** Starts `node scripts/start.mjs` and resolves with the password its closing block printed. */
const startEngine = () =>
  new Promise((resolve, reject) => {
    engine = spawn(
      process.execPath,
      [
        'scripts/start.mjs',
        '--port',
        String(PORT),
        '--ip',
        '127.0.0.1',
        '--persist-to',
        persist,
        '--var',
        `CHAT_FRAME_ANCESTORS:${SHOP}`,
      ],
      {
        env: { ...process.env, NO_COLOR: '1', CI: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      }
    )
    let out = ''
    const timer = setTimeout(() => reject(new Error(`engine did not start:\n${out}`)), 120_000)
    const read = (chunk) => {
      out += chunk
      const m = /Console\s+\S+\s+sign in with email admin and password (\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    engine.stdout.setEncoding('utf8').on('data', read)
    engine.stderr.setEncoding('utf8').on('data', (c) => {
      out += c
    })
    engine.on('exit', (code) => reject(new Error(`engine exited (${code}):\n${out}`)))
  })

const chromiumPath = () => {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim()
    } catch {
      // not installed under this name
    }
  }
  throw new Error('chromium not found: apt-get install chromium fonts-noto-cjk')
}

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  await new Promise((done) => shopSite.listen(SHOP_PORT, '127.0.0.1', done))
  password = await startEngine()
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
})

after(async () => {
  shopSite.close()
  await browser?.close()
  if (engine?.pid) {
    try {
      process.kill(-engine.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  rmSync(persist, { recursive: true, force: true })
})

/** No serious or critical axe violation on the page as it is now. */
const axe = async (page, label) => {
  await page.evaluate(AXE)
  const result = await page.evaluate(() =>
    globalThis.axe.run(document, { resultTypes: ['violations'] })
  )
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  assert.deepEqual(
    bad.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`
    ),
    [],
    `axe on ${label}`
  )
}

const signIn = async (context, email, pass) => {
  const page = await context.newPage()
  await page.goto(`${BASE}/console`)
  assert.match(page.url(), /\/console\/login/)
  await page.fill('input[name="email"]', email)
  await page.fill('input[name="password"]', pass)
  await page.click('button[type="submit"]')
  await page.waitForURL(`${BASE}/console`, WAIT)
  return page
}

const customerSays = async (page, text) => {
  await page.fill('#input', text)
  await page.press('#input', 'Enter')
}

test('a whole shift in the console: sign in, live inbox, take, reply, note, resolve; roles; templates; zh-CN; phone; axe', async () => {
  // The owner signs in with what npm start printed, and creates an agent in the console.
  const ownerCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const login = await ownerCtx.newPage()
  await login.goto(`${BASE}/console/login`)
  await axe(login, 'login')
  await login.close()
  const owner = await signIn(ownerCtx, 'admin', password)
  await axe(owner, 'inbox (empty)')
  await owner.goto(`${BASE}/console/admin/agents`)
  await owner.fill('#a-name', 'Mia')
  await owner.fill('#a-email', 'mia@shop.test')
  await owner.fill('#a-password', 'correct horse battery')
  await Promise.all([
    owner.waitForEvent('load'),
    owner.click('form.api-form button[type="submit"]'),
  ])
  await owner.waitForSelector('text=mia@shop.test', WAIT)
  await axe(owner, 'agents')

  // The agent signs in; the inbox is open and live before the customer writes.
  const agentCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const agent = await signIn(agentCtx, 'mia@shop.test', 'correct horse battery')
  await agent.waitForSelector('#conn[data-state="live"]', WAIT)

  // A customer on the web chat asks for a person.
  const customerCtx = await browser.newContext({ locale: 'en-US' })
  const customer = await customerCtx.newPage()
  const violations = []
  customer.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text())
  })
  agent.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text())
  })
  await customer.goto(`${BASE}/chat`)
  await customer.waitForSelector('#status:has-text("Online")', WAIT)
  // Before the first message the page offers the shop's topics and greets only once (the bot does).
  await customer.waitForSelector('#chips .chip:has-text("Talk to a person")', WAIT)
  assert.equal(await customer.locator('text=/^Hi there/').count(), 0)
  await customerSays(customer, 'I want to talk to a person please')
  await customer.waitForSelector('.row.them .bubble', WAIT)

  // It appears in the agent's inbox without a reload, waiting for a person.
  const row = agent.locator('#inbox-list .row').first()
  await row.waitFor(WAIT)
  assert.match(await row.innerText(), /Waiting for a person/)
  await agent.waitForSelector('[data-tab="unassigned"] .count[data-count="1"]', WAIT)
  await agent.screenshot({ path: `${ARTIFACTS}/inbox.png` })
  await axe(agent, 'inbox')

  // The agent opens it, takes it and replies; the customer sees the reply live, with her name.
  await row.locator('a').click()
  await agent.waitForSelector('#transcript', WAIT)
  // The customer sees that a person has read the message.
  await customer.waitForSelector('.row.me .meta:has-text("Read")', WAIT)
  await axe(agent, 'conversation')
  await Promise.all([agent.waitForURL(/\/console\/c\//), agent.click('#take')])
  await agent.waitForSelector('.thread-head .owner-agent:has-text("Mia")', WAIT)
  // A red line is flagged while typing, before anything is sent.
  await agent.fill('#composer-text', 'It will definitely arrive tomorrow')
  await agent.waitForSelector('#composer-redline:has-text("promise nobody has confirmed")', WAIT)
  await agent.fill('#composer-text', 'Hello, this is Mia. Let me look into it.')
  await agent.press('#composer-text', 'Enter')
  await customer.waitForSelector('.bubble:has-text("this is Mia")', WAIT)
  assert.ok(
    (await customer.locator('.author:has-text("Mia")').count()) >= 1,
    'the customer sees the agent by name'
  )
  await agent.waitForSelector('#transcript .by-agent:has-text("this is Mia")', WAIT)

  // Another agent opening the same conversation is shown to the first (collision).
  const ownerView = await ownerCtx.newPage()
  await ownerView.goto(agent.url())
  await agent.waitForSelector('#viewers:has-text("Owner")', WAIT)
  await ownerView.close()

  // An Enter that confirms a Chinese input method's composition does not send; a plain Enter does.
  const before = await agent.locator('#transcript .by-agent').count()
  await agent.focus('#composer-text')
  const cdp = await agentCtx.newCDPSession(agent)
  await cdp.send('Input.imeSetComposition', { text: 'ni hao', selectionStart: 6, selectionEnd: 6 })
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'rawKeyDown',
    key: 'Enter',
    code: 'Enter',
    windowsVirtualKeyCode: 229,
    nativeVirtualKeyCode: 229,
  })
  await cdp.send('Input.insertText', { text: '你好，我来帮您查' })
  await agent.press('#composer-text', 'Enter')
  await customer.waitForSelector('.bubble:has-text("你好，我来帮您查")', WAIT)
  // Replies go out in order, so a send from the IME Enter would already be here.
  await agent.waitForSelector('#transcript .by-agent:has-text("你好，我来帮您查")', WAIT)
  assert.equal(
    await agent.locator('#transcript .by-agent').count(),
    before + 1,
    'an IME Enter must not send'
  )
  assert.equal(await customer.locator('.bubble:has-text("ni hao")').count(), 0)

  // `/` lists canned replies rendered for this conversation; picking one fills the composer.
  await agent.fill('#composer-text', '/survey')
  await agent.waitForSelector('#canned li:has-text("How did we do?")', WAIT)
  await agent.press('#composer-text', 'Enter')
  assert.match(await agent.inputValue('#composer-text'), /How did we do\?/)
  await agent.fill('#composer-text', '')

  // `?` shows the shortcuts.
  await agent.click('#transcript')
  await agent.keyboard.press('?')
  await agent.waitForSelector('#help[open]', WAIT)
  await agent.keyboard.press('Escape')

  // A private note shows in the console, visibly different, and never reaches the customer.
  await agent.check('input[name="mode"][value="note"]')
  await agent.fill('#composer-text', 'NOTE-ONLY: customer sounded upset, be gentle')
  await agent.press('#composer-text', 'Enter')
  await agent.waitForSelector('#transcript .note:has-text("NOTE-ONLY")', WAIT)
  await agent.screenshot({ path: `${ARTIFACTS}/conversation.png` })
  await customer.reload()
  await customer.waitForSelector('.bubble:has-text("this is Mia")', WAIT)
  assert.equal(
    await customer.locator('text=NOTE-ONLY').count(),
    0,
    'a note must never reach the customer'
  )

  // Resolve sends the survey.
  await agent.click('#resolve-open')
  await Promise.all([agent.waitForURL(/\/console\/c\//), agent.click('#resolve')])
  await customer.waitForSelector('.bubble:has-text("How did we do?")', WAIT)

  assert.deepEqual(
    violations,
    [],
    'the chat and the console run under their CSP without violations'
  )

  // An agent can't open admin pages.
  const denied = await agent.goto(`${BASE}/console/admin/templates`)
  assert.equal(denied.status(), 403)

  // The owner edits the greeting with a live preview; a new conversation uses it.
  await owner.goto(`${BASE}/console/admin/templates`)
  await axe(owner, 'templates list')
  await owner.goto(`${BASE}/console/admin/templates/greeting`)
  const en = owner.locator('textarea[data-locale="en"]')
  await en.waitFor(WAIT)
  await en.fill(
    'Hi {{customer.name|there}}! Welcome to the BROWSER-TEST shop. What can we do for you?'
  )
  await owner.waitForSelector(
    '.bubble-preview[lang="en"]:has-text("Welcome to the BROWSER-TEST shop")',
    WAIT
  )
  await en.fill('Hi {{customer.nmae}}')
  await owner.waitForSelector('#errors li', WAIT)
  await en.fill(
    'Hi {{customer.name|there}}! Welcome to the BROWSER-TEST shop. What can we do for you?'
  )
  await owner.waitForFunction(
    () => document.querySelectorAll('#errors li').length === 0,
    null,
    WAIT
  )
  await axe(owner, 'template editor')
  await owner.click('form.template-editor button[type="submit"]')
  await owner.waitForSelector('#saved:has-text("v")', WAIT)
  const fresh = await (await browser.newContext({ locale: 'en-US' })).newPage()
  await fresh.goto(`${BASE}/chat`)
  await fresh.waitForSelector('#status:has-text("Online")', WAIT)
  await customerSays(fresh, 'hello')
  await fresh.waitForSelector('.bubble:has-text("BROWSER-TEST shop")', WAIT)
  await axe(fresh, 'web chat')

  // Every other admin page passes axe.
  for (const path of [
    'sla',
    'hours',
    'shop',
    'escalation',
    'red-lines',
    'rubric',
    'notifications',
    'knowledge',
    'tokens',
    'flows',
    'reviews',
  ]) {
    await owner.goto(`${BASE}/console/admin/${path}`)
    await axe(owner, `admin ${path}`)
  }

  // The zh-CN console renders with CJK fonts.
  await owner.goto(`${BASE}/console`)
  await Promise.all([owner.waitForEvent('load'), owner.selectOption('#ui-locale', 'zh-CN')])
  await owner.waitForSelector('html[lang="zh-CN"]', WAIT)
  await owner.waitForSelector('text=待分配', WAIT)
  await owner.screenshot({ path: `${ARTIFACTS}/console-zh-CN.png` })
  await axe(owner, 'inbox zh-CN')

  // A 390 px phone: the inbox and a conversation fit without sideways scrolling.
  const phone = await (
    await browser.newContext({ viewport: { width: 390, height: 844 } })
  ).newPage()
  await phone.context().addCookies(await agentCtx.cookies())
  for (const url of [`${BASE}/console?status=any`, agent.url()]) {
    await phone.goto(url)
    const width = await phone.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 391, `${url} is ${width}px wide on a 390px phone`)
  }
  await phone.screenshot({ path: `${ARTIFACTS}/phone-conversation.png` })
})

test('the dashboard and the review queue: figures from the shift, charts with tables, CSV, English and Chinese, axe', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  const owner = await signIn(ctx, 'admin', password)
  if ((await owner.getAttribute('html', 'lang')) !== 'en') {
    await Promise.all([owner.waitForEvent('load'), owner.selectOption('#ui-locale', 'en')])
  }
  await owner.goto(`${BASE}/console/admin/reports?by=agent`)
  await owner.waitForSelector('h1:has-text("Reports")', WAIT)
  // The shift above resolved Mia's conversation: it is counted, and she has a row of her own.
  const cases = Number(
    await owner.locator('.tile:has(.tile-label:text-is("Conversations")) .tile-value').innerText()
  )
  assert.ok(cases >= 1, `conversations tile shows ${cases}`)
  await owner.waitForSelector('table th[scope="row"]:text-is("Mia")', WAIT)
  assert.equal(await owner.locator('svg.chart').count(), 4)
  assert.equal(
    await owner.locator('svg.chart > title').first().textContent(),
    'Conversations per day'
  )
  // Every chart has its numbers in a table beside it.
  assert.ok((await owner.locator('section.report table.grid').count()) >= 4)
  const csv = await owner.request.get(
    BASE + (await owner.locator('a[download]').getAttribute('href'))
  )
  assert.equal(csv.status(), 200)
  assert.match(await csv.text(), /^agent,cases,resolved,/)
  await axe(owner, 'reports')
  await owner.screenshot({ path: `${ARTIFACTS}/reports.png`, fullPage: true })

  // A range and a channel filter stay in the URL and in the form.
  await owner.fill('input[name="from"]', '2026-01-01')
  await owner.fill('input[name="to"]', '2026-01-07')
  await Promise.all([owner.waitForEvent('load'), owner.click('.report-form button[type="submit"]')])
  assert.match(owner.url(), /from=2026-01-01&to=2026-01-07/)
  await owner.waitForSelector('text=No conversations in this range yet.', WAIT)

  // The review queue, where supervisors score sampled cases.
  await owner.goto(`${BASE}/console/admin/reviews`)
  await owner.waitForSelector('h1:has-text("Quality reviews")', WAIT)
  await owner.waitForSelector('h2:has-text("Results per agent and week")', WAIT)
  await axe(owner, 'review queue')

  // The reports page in Chinese.
  await Promise.all([owner.waitForEvent('load'), owner.selectOption('#ui-locale', 'zh-CN')])
  await owner.goto(`${BASE}/console/admin/reports`)
  await owner.waitForSelector('h1:has-text("数据报表")', WAIT)
  await owner.waitForSelector('text=售前咨询转化下单', WAIT)
  await axe(owner, 'reports zh-CN')
  await Promise.all([owner.waitForEvent('load'), owner.selectOption('#ui-locale', 'en')])
  await ctx.close()
})

test('a work order from a conversation: opened in one click, details collected from the customer, moved to closed with the outcome sent', async () => {
  const customer = await (await browser.newContext({ locale: 'en-US' })).newPage()
  await customer.goto(`${BASE}/chat`)
  await customer.waitForSelector('#status:has-text("Online")', WAIT)
  await customerSays(customer, 'The vase I received arrived broken into pieces')
  await customer.waitForFunction(() => document.querySelectorAll('.bubble').length >= 2, null, WAIT)

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const owner = await signIn(ctx, 'admin', password)
  // Found by what the customer wrote (the search covers the messages).
  await owner.goto(`${BASE}/console?tab=all&status=any&q=${encodeURIComponent('arrived broken')}`)
  await Promise.all([
    owner.waitForURL(/\/console\/c\//, WAIT),
    owner.locator('a.row-link').first().click(),
  ])
  await owner.click('.work-orders summary')
  await owner.selectOption('#wo-category', 'quality')
  await owner.selectOption('#wo-urgency', 'high')
  assert.match(await owner.inputValue('#wo-description'), /arrived broken/)
  await Promise.all([
    owner.waitForURL(/\/console\/tickets\/T-/, WAIT),
    owner.click('.work-orders button[type="submit"]'),
  ])
  const id = owner.url().split('/').pop()
  await owner.waitForSelector('.tag:has-text("Collecting details")', WAIT)
  await axe(owner, 'ticket (collecting)')

  // The customer is asked for what is missing and answers in one message.
  await customer.waitForSelector(
    '.bubble:has-text("we still need a phone number or email we can reach you on and your order number")',
    WAIT
  )
  await customerSays(customer, 'Order 202612070009, phone 138 0013 8009')
  await customer.waitForSelector(`.bubble:has-text("${id}")`, WAIT)
  await owner.reload()
  await owner.waitForSelector('.tag:has-text("Received")', WAIT)

  // Files: a photo of the damage uploads; an executable named like a photo is refused by its content.
  const jpeg = Buffer.alloc(4096, 7)
  jpeg.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46])
  const exe = Buffer.alloc(4096, 0)
  exe.set([0x4d, 0x5a, 0x90, 0x00])
  await owner.setInputFiles('#tf-file', {
    name: 'fake-photo.jpg',
    mimeType: 'image/jpeg',
    buffer: exe,
  })
  await owner.click('form.file-form button[type="submit"]')
  await owner.waitForSelector('form.file-form .errors li:has-text("not an accepted format")', WAIT)
  await owner.setInputFiles('#tf-file', {
    name: 'broken-vase.jpg',
    mimeType: 'image/jpeg',
    buffer: jpeg,
  })
  await Promise.all([
    owner.waitForEvent('load'),
    owner.click('form.file-form button[type="submit"]'),
  ])
  await owner.waitForSelector('.files-table td:has-text("broken-vase.jpg")', WAIT)
  await Promise.all([
    owner.waitForEvent('load'),
    owner.click('form[data-api$="/export"] button[type="submit"]'),
  ])
  await owner.waitForSelector(`.files-table td:has-text("chat-${id}.txt")`, WAIT)
  // Opening goes through a fresh signed link and shows the photo.
  const [photo] = await Promise.all([
    owner.waitForEvent('popup'),
    owner.click('.files-table tr:has-text("broken-vase.jpg") a'),
  ])
  await photo.waitForLoadState()
  assert.match(photo.url(), new RegExp(`/files/F-[^?]+\\?by=agent%3A.+&exp=\\d+&sig=`))
  await photo.close()
  await axe(owner, 'ticket (files)')

  const move = async (to, fill = {}) => {
    await owner.selectOption('#tt-to', to)
    for (const [sel, value] of Object.entries(fill)) await owner.fill(sel, value)
    await Promise.all([
      owner.waitForEvent('load'),
      owner.click('form[data-api$="/transition"] button[type="submit"]'),
    ])
  }
  // Closing early is refused for want of the follow-up, with the reason shown.
  await owner.selectOption('#tt-to', 'closed')
  await owner.fill('#tt-feedback', 'x')
  await owner.click('form[data-api$="/transition"] button[type="submit"]')
  await owner.waitForSelector('form[data-api$="/transition"] .errors li', WAIT)
  await owner.fill('#tt-feedback', '')
  await move('assigned')
  await move('analysing')
  await move('replied')
  await move('follow_up')
  await move('closed', {
    '#tt-feedback': 'We are sending you a new vase today; no need to return the broken one.',
  })
  await owner.waitForSelector('h1 .tag:has-text("Closed")', WAIT)
  await customer.waitForSelector('.bubble:has-text("We are sending you a new vase today")', WAIT)
  await customer.waitForSelector(
    `.bubble:has-text("That's the outcome of your request ${id}")`,
    WAIT
  )
  await axe(owner, 'ticket (closed)')
  await owner.goto(`${BASE}/console/tickets?status=`)
  await owner.waitForSelector(`a[href="/console/tickets/${id}"]`, WAIT)
  await axe(owner, 'work orders')
  await ctx.close()
})

test("the widget on a shop's own site: an accessible launcher, the chat in an iframe, the page passed to agents", async () => {
  const ctx = await browser.newContext({ locale: 'en-US' })
  const page = await ctx.newPage()
  await page.goto(`${SHOP}/products/blue-vase`)
  const launcher = page.locator('button[aria-label="Chat with us"]')
  await launcher.waitFor(WAIT)
  assert.equal(await launcher.getAttribute('aria-expanded'), 'false')
  // The host page's CSS (button{font-size:40px}) does not reach into the widget.
  assert.notEqual(await launcher.evaluate((b) => getComputedStyle(b).fontSize), '40px')
  await axe(page, 'shop page with the widget')
  await launcher.click()
  assert.equal(await launcher.getAttribute('aria-expanded'), 'true')
  const chat = page.frameLocator('iframe[title="Chat with us"]')
  await chat.locator('#status:has-text("Online")').waitFor(WAIT)
  await chat.locator('#input').fill('Is the blue vase in stock?')
  await chat.locator('#input').press('Enter')
  await chat.locator('.row.them .bubble').first().waitFor(WAIT)
  await page.screenshot({ path: `${ARTIFACTS}/widget.png` })
  // Esc inside the chat frame reaches the launcher as a message: wait for it to close.
  await page.keyboard.press('Escape')
  await page.locator('button[aria-label="Chat with us"][aria-expanded="false"]').waitFor(WAIT)

  // An admin sees which page the customer wrote from.
  const admin = await (await browser.newContext()).newPage()
  await admin.goto(`${BASE}/console/login`)
  await admin.fill('input[name="email"]', 'admin')
  await admin.fill('input[name="password"]', password)
  await Promise.all([
    admin.waitForURL(`${BASE}/console`, WAIT),
    admin.click('button[type="submit"]'),
  ])
  await admin.goto(`${BASE}/console?status=any&q=blue%20vase`)
  await admin.locator('#inbox-list .row a').first().click()
  await admin.waitForSelector(`.side dd:has-text("${SHOP}/products/blue-vase")`, WAIT)
})

test('the web chat on a phone in Chinese: CJK text, no sideways scrolling, axe clean', async () => {
  const ctx = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  const page = await ctx.newPage()
  await page.goto(`${BASE}/chat`)
  await page.waitForSelector('#status:has-text("在线")', WAIT)
  assert.equal(await page.getAttribute('#input', 'placeholder'), '输入消息…')
  await page.waitForSelector('#chips .chip', WAIT)
  await customerSays(page, '你好，我的订单什么时候发货？')
  await page.waitForSelector('.row.them .bubble', WAIT)
  // A photo of the problem, from the clip button; a renamed executable is refused with a kind word.
  assert.equal(await page.getAttribute('#attach', 'aria-label'), '发送图片或文件')
  const photo = Buffer.alloc(2048, 9)
  photo.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46])
  await page.setInputFiles('#file', { name: '破损照片.jpg', mimeType: 'image/jpeg', buffer: photo })
  await page.waitForSelector('.row.me .bubble:has-text("[图片] 破损照片.jpg")', WAIT)
  await page.waitForSelector('.row.them .bubble:has-text("图片")', WAIT)
  const fake = Buffer.alloc(2048, 0)
  fake.set([0x4d, 0x5a, 0x90, 0x00])
  await page.setInputFiles('#file', { name: '发票.jpg', mimeType: 'image/jpeg', buffer: fake })
  await page.waitForSelector('#notice:has-text("这种文件打不开")', WAIT)
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 391, `the chat is ${width}px wide on a 390px phone`)
  await page.screenshot({ path: `${ARTIFACTS}/webchat-zh-CN-phone.png` })
  await axe(page, 'web chat zh-CN phone')
})

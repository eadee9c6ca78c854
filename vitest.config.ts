import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

// test/faults.test.ts restarts Durable Objects with `ctx.abort('simulated eviction: …')` and asserts
// the rejection itself; workerd still logs each abort as an "uncaught exception" with a native
// stack, which the pool prints from this process (not through console, so `onConsoleLog` never
// sees it). Drop exactly those log lines; any other abort or crash is printed as before.
const SIMULATED_EVICTION =
  /^uncaught exception; exception = \S+ failed: broken\.outputGateBroken; jsg\.Error: simulated eviction: /
const quiet = Symbol.for('service-engine.quietSimulatedEviction')
type Output = { write: (chunk: unknown, ...rest: unknown[]) => boolean; [quiet]?: true }
// The config runs in Node; the project's TypeScript types are the Workers ones, without `process`.
type Process = { stdout: Output; stderr: Output; nextTick: (fn: () => void) => void }
const node = (globalThis as unknown as { process: Process }).process
for (const stream of [node.stdout, node.stderr]) {
  if (stream[quiet]) continue
  stream[quiet] = true
  const write = stream.write.bind(stream)
  stream.write = (chunk, ...rest) => {
    const text = typeof chunk === 'string' || chunk instanceof Uint8Array ? String(chunk) : ''
    if (SIMULATED_EVICTION.test(text)) {
      const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined
      if (done) node.nextTick(done)
      return true
    }
    return write(chunk, ...rest)
  }
}

/**
 * Where the conversations' clocks start: a Tuesday 07:30 in Shanghai (the default business-hours
 * zone), before the shifts open at 09:00, ten years ahead of today; they then move with wall time.
 */
const TEST_CLOCK_START = Date.parse('2036-12-02T07:30:00+08:00')

export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations')
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        // The production entry with the conversation object on a test clock (see test/worker.ts).
        main: './test/worker.ts',
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ADMIN_TOKEN: 'test-admin-token',
            WEBCHAT_SECRET: 'test-webchat-secret',
            TELEGRAM_BOT_TOKEN: '123456:TEST-TOKEN',
            TELEGRAM_WEBHOOK_SECRET: 'test-telegram-secret',
            TELEGRAM_API_BASE: 'https://telegram.test',
            SHOP_NAME: 'Test Shop',
            // The other channels take the secrets their contracts sign with (bots/*/contract.ts),
            // so test/channels.test.ts can drive each one end to end through the Worker.
            SLACK_SIGNING_SECRET: 'contract-signing-secret',
            SLACK_BOT_TOKEN: 'xoxb-contract-token',
            SLACK_API_BASE: 'https://slack.contract.test/api',
            META_APP_SECRET: 'contract-app-secret',
            WHATSAPP_VERIFY_TOKEN: 'contract-verify-token',
            WHATSAPP_TOKEN: 'EAAContractToken',
            MESSENGER_VERIFY_TOKEN: 'contract-verify-token',
            MESSENGER_PAGE_TOKEN: 'EAAContractPageToken',
            META_GRAPH_API_BASE: 'https://graph.contract.test',
            LINE_CHANNEL_SECRET: 'contract-line-secret',
            LINE_CHANNEL_ACCESS_TOKEN: 'contract-line-token',
            LINE_API_BASE: 'https://line.contract.test',
            TWILIO_AUTH_TOKEN: 'contract-auth-token',
            TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
            TWILIO_API_BASE: 'https://twilio.contract.test',
            WECHAT_TOKEN: 'contract-wechat-token',
            WECHAT_APP_ID: 'wx0c0n7r4c7000001',
            WECHAT_APP_SECRET: 'contract-app-secret',
            WECHAT_ENCODING_AES_KEY: 'Q29udHJhY3RFbmNvZGluZ0FFU0tleUZvcldlQ2hhdE8',
            WECHAT_API_BASE: 'https://wechat.contract.test',
            WECOM_TOKEN: 'contract-wecom-token',
            WECOM_CORP_ID: 'ww0c0n7r4c70000001',
            WECOM_SECRET: 'contract-kf-secret',
            WECOM_ENCODING_AES_KEY: 'Q29udHJhY3RFbmNvZGluZ0FFU0tleUZvcldlQ29tS0Y',
            WECOM_API_BASE: 'https://wecom.contract.test',
            // Ten years ahead (test/worker.ts): alarms set by conversations never fire on their
            // own in tests; tests drive them with runDurableObjectAlarm. Every run starts at the
            // same shop-local time of day, so no test depends on when the suite is run.
            TEST_CLOCK_OFFSET_MS: String(TEST_CLOCK_START - Date.now()),
          },
        },
      }),
    ],
    test: {
      include: ['bots/**/*.test.ts', 'src/**/*.test.ts', 'test/**/*.test.ts'],
      setupFiles: ['./test/apply-migrations.ts'],
    },
  }
})

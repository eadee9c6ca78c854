import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations')
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ADMIN_TOKEN: 'test-admin-token',
            WEBCHAT_SECRET: 'test-webchat-secret',
            TELEGRAM_BOT_TOKEN: '123456:TEST-TOKEN',
            TELEGRAM_WEBHOOK_SECRET: 'test-telegram-secret',
            TELEGRAM_API_BASE: 'https://telegram.test',
            SHOP_NAME: 'Test Shop',
            // Ten years ahead: alarms set by conversations never fire on their own in tests;
            // tests drive them with runDurableObjectAlarm.
            TEST_CLOCK_OFFSET_MS: String(10 * 365 * 24 * 3600 * 1000),
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

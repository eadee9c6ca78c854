import { describe, expect, it } from 'vitest'
import { isPublicHost } from './public-host'

const hostOf = (url: string) => new URL(url).hostname

describe('public hosts for outgoing webhooks', () => {
  it.each([
    'https://169.254.169.254/latest/meta-data/',
    'https://10.0.0.1/',
    'https://[::1]/',
    'https://0x7f000001/',
    'http://127.1/x',
    'https://2130706433/',
    'https://0177.0.0.1/',
    'https://localhost/',
    'https://api.localhost/',
    'https://metadata.google.internal/',
    'https://192.168.1.20/',
    'https://172.20.0.5/',
    'https://100.64.0.1/',
    'https://0.0.0.0/',
    'https://[fe80::1]/',
    'https://[fd00::5]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:a9fe:a9fe]/',
    'https://[::]/',
    'https://intranet/',
    'https://printer.local/',
  ])('refuses %s', (url) => {
    expect(isPublicHost(hostOf(url))).toBe(false)
  })

  it.each([
    'https://hooks.slack.com/services/x',
    'https://example.com/hook',
    'https://8.8.8.8/',
    'https://[2606:4700::1111]/',
    'https://172.32.0.1/',
    'https://shop.example.cn/',
  ])('accepts %s', (url) => {
    expect(isPublicHost(hostOf(url))).toBe(true)
  })
})

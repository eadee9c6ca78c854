import type { UiLocale } from './accounts'
import { adminEn, adminZh } from './admin-strings'
import { conversationEn, conversationZh } from './conversation-strings'
import { inboxEn, inboxZh } from './inbox-strings'
import { reviewEn, reviewZh } from './review-strings'

// The page shell's, sign-in's and plain message pages' strings; each page's own are in its file.
const shellEn = {
  appName: 'Service console',
  skip: 'Skip to content',
  inbox: 'Inbox',
  signIn: 'Sign in',
  signOut: 'Sign out',
  email: 'Email',
  password: 'Password',
  signInHint: 'First time? Sign in as admin with the ADMIN_TOKEN that npm start printed.',
  badLogin: 'Wrong email or password.',
  locked: 'Too many failed sign-ins. Try again in {m} min.',
  notFound: 'No such conversation.',
  forbidden: 'This page is for admins.',
  loading: 'Loading…',
  none: '—',
  now: 'now',
  reportsNav: 'Reports',
  workOrdersNav: 'Work orders',
}

const shellZh: typeof shellEn = {
  appName: '客服工作台',
  skip: '跳到正文',
  inbox: '会话',
  signIn: '登录',
  signOut: '退出',
  email: '邮箱',
  password: '密码',
  signInHint: '首次使用？用户名填 admin，密码填 npm start 打印的 ADMIN_TOKEN。',
  badLogin: '邮箱或密码错误。',
  locked: '登录失败次数过多，请 {m} 分钟后再试。',
  notFound: '没有这个会话。',
  forbidden: '此页面仅限管理员。',
  loading: '加载中…',
  none: '—',
  now: '现在',
  reportsNav: '数据报表',
  workOrdersNav: '工单',
}

const en = { ...shellEn, ...inboxEn, ...conversationEn, ...adminEn, ...reviewEn }

/** The console's UI strings (one object per UI language). */
export type Strings = typeof en

/** A key of {@link Strings} whose value is one plain string (not a lookup table). */
export type TextKey = { [K in keyof Strings]: Strings[K] extends string ? K : never }[keyof Strings]

const zh: Strings = { ...shellZh, ...inboxZh, ...conversationZh, ...adminZh, ...reviewZh }

/** The strings for a UI language. */
export const stringsFor = (locale: UiLocale): Strings => (locale === 'zh-CN' ? zh : en)

/** Pure: a UI string with its `{name}` placeholders filled. */
export const fill = (text: string, values: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole
  )

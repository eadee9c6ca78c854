import { z } from 'zod'
import type { FieldIssue } from '../api/errors'
import { isPublicHost } from '../lib/public-host'
import { TEAMS, type NotifyConfig, type NotifyTarget } from './types'

/** What GET answers instead of a webhook secret; sent back by PUT, it keeps the stored one. */
export const REDACTED = '********'

/** Targets per team. */
export const MAX_TARGETS = 5

const MIN_SECRET = 16

const parseUrl = (text: string): URL | null => {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

const urlField = () =>
  z
    .string()
    .max(2048)
    .refine((text) => parseUrl(text) !== null, 'must be an absolute URL')
    .refine((text) => {
      const url = parseUrl(text)
      return !url || url.protocol === 'https:'
    }, 'must be https')
    .refine((text) => {
      const url = parseUrl(text)
      return !url || url.protocol !== 'https:' || isPublicHost(url.hostname)
    }, 'must be a public host (not loopback, private, link-local or metadata addresses)')

const slackTarget = z.object({ kind: z.literal('slack'), url: urlField() })
const slackDeskTarget = z.object({
  kind: z.literal('slack-desk'),
  channel: z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id (C... or G...)'),
})
const telegramTarget = z.object({
  kind: z.literal('telegram'),
  chatId: z
    .string()
    .max(64)
    .regex(/^-?\d+$|^@\w+$/, 'must be a numeric chat id or @channelname'),
})
const secretField = z.string().min(MIN_SECRET, `must be at least ${MIN_SECRET} characters`).max(256)
const webhookTarget = (secret: z.ZodType<string>) =>
  z.object({ kind: z.literal('webhook'), url: urlField(), secret })

const configOf = (target: z.ZodType<NotifyTarget>) => {
  const list = z.array(target).max(MAX_TARGETS, `at most ${MAX_TARGETS} targets per team`)
  return z.object({
    teams: z.strictObject({
      senior: list.default([]),
      risk: list.default([]),
      pr: list.default([]),
    }),
  })
}

/** One stored target. */
export const notifyTargetSchema: z.ZodType<NotifyTarget> = z.discriminatedUnion('kind', [
  slackTarget,
  slackDeskTarget,
  telegramTarget,
  webhookTarget(secretField),
])

/** The stored notification settings (`settings:notify`). */
export const notifyConfigSchema = configOf(notifyTargetSchema)

/** A target as GET shows it and PUT accepts it: a webhook secret may be {@link REDACTED}. */
export const notifyTargetInputSchema = z.discriminatedUnion('kind', [
  slackTarget,
  slackDeskTarget,
  telegramTarget,
  webhookTarget(z.union([z.literal(REDACTED), secretField])),
])

/** The PUT body; also the GET answer's shape. */
export const notifyConfigInputSchema = configOf(notifyTargetInputSchema)

/** A validated PUT body, before {@link mergeSecrets}. */
export type NotifyConfigInput = z.output<typeof notifyConfigInputSchema>

/** The config with every webhook secret replaced by {@link REDACTED}. */
export const redact = (config: NotifyConfig): NotifyConfig => {
  const teams = {} as NotifyConfig['teams']
  // A config built in code (not read through the schema) may leave a team out.
  const given: Partial<NotifyConfig['teams']> = config.teams
  for (const team of TEAMS) {
    teams[team] = (given[team] ?? []).map((target) =>
      target.kind === 'webhook' ? { ...target, secret: REDACTED } : { ...target }
    )
  }
  return { teams }
}

/** A merged config, or the targets whose redacted secret has nothing stored to keep. */
export type MergeResult = { ok: true; config: NotifyConfig } | { ok: false; issues: FieldIssue[] }

/**
 * Replaces each {@link REDACTED} secret with the stored secret of the webhook target at the same
 * team and index; fails with field paths where there is none.
 */
export const mergeSecrets = (incoming: NotifyConfigInput, stored: NotifyConfig): MergeResult => {
  const issues: FieldIssue[] = []
  const teams = {} as NotifyConfig['teams']
  // Configs built in code (not read through the schema) may leave a team out.
  const given: Partial<NotifyConfigInput['teams']> = incoming.teams
  const kept: Partial<NotifyConfig['teams']> = stored.teams
  for (const team of TEAMS) {
    teams[team] = (given[team] ?? []).map((target, index): NotifyTarget => {
      if (target.kind !== 'webhook' || target.secret !== REDACTED) return { ...target }
      const previous = kept[team]?.[index]
      if (previous?.kind === 'webhook') return { ...target, secret: previous.secret }
      issues.push({
        path: `teams.${team}.${index}.secret`,
        message: 'no stored secret at this position to keep; send the secret',
      })
      return { ...target }
    })
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, config: { teams } }
}

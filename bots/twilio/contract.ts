import type { AdapterContract } from '../../src/channels/contract'
import type { WebhookRequest } from '../../src/channels/types'
import { webhookRequest } from '../../test/support/adapters'
import { twilioSigned } from '../../test/support/signatures'
import inboundSms from './fixtures/inbound-sms.json'

const URL_CALLED = 'https://engine.test/webhooks/twilio'

const body = new URLSearchParams(inboundSms).toString()
const request = async (authToken: string, now: number): Promise<WebhookRequest> =>
  webhookRequest(
    'twilio',
    body,
    {
      'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
      ...(await twilioSigned(authToken, URL_CALLED, body)),
    },
    now
  )

const error = (status: number, code: number, message: string) =>
  Response.json(
    { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
    { status }
  )

/** Twilio's side of the shared adapter contract suite. */
export const contract: AdapterContract = {
  channel: 'twilio',
  env: {
    TWILIO_AUTH_TOKEN: 'contract-auth-token',
    TWILIO_ACCOUNT_SID: inboundSms.AccountSid,
    TWILIO_API_BASE: 'https://twilio.contract.test',
  },
  signed: (now) => request('contract-auth-token', now),
  wrongSecret: (now) => request('another-auth-token', now),
  keys: [
    'twilio:+18005551212:+14158675309',
    'twilio:wa+14155238886:wa+14155551234',
    'twilio:~messenger%3A1234567890:~messenger%3A9876543210',
  ],
  sendOk: () =>
    Response.json({ sid: 'SM293a4b5c6d7e8f9a0b1c2d3e4f5a6b78', status: 'queued' }, { status: 201 }),
  sendErrors: {
    rateLimited: () => error(429, 20429, 'Too Many Requests'),
    server: () => error(500, 20500, 'Internal Server Error'),
    rejected: () => error(400, 21610, 'Attempt to send to unsubscribed recipient'),
  },
  maxText: 1600,
  bodySigned: true,
  callsPlatform: true,
}

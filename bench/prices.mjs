// Cloudflare Workers Paid list prices used to turn counted operations into dollars, as published on
// the Cloudflare pricing pages below in 2026 (checked 2026-11-23 with a documentation search: the
// Workers request/CPU and Durable Objects request/duration figures were read on
// developers.cloudflare.com; the SQLite-storage, KV and D1 figures match the issue and copies of
// those pages, and "each setAlarm() is billed as a single row written" is the Durable Objects
// pricing page's footnote). Included monthly allowances and the $5/month plan fee are ignored:
// these are the marginal prices of one more million messages on an account past its allowances.

export const PRICES = {
  checkedOn: '2026-11-23',
  currency: 'USD',
  sources: {
    workers: 'https://developers.cloudflare.com/workers/platform/pricing/',
    durableObjects: 'https://developers.cloudflare.com/durable-objects/platform/pricing/',
    kv: 'https://developers.cloudflare.com/kv/platform/pricing/',
    d1: 'https://developers.cloudflare.com/d1/platform/pricing/',
  },
  /** $ per unit; `per` is the unit count the price is quoted for. */
  items: {
    workersRequests: { price: 0.3, per: 1e6, unit: 'request', note: 'after 10M/month included' },
    workersCpuMs: {
      price: 0.02,
      per: 1e6,
      unit: 'CPU ms',
      note: 'after 30M CPU ms/month included',
    },
    doRequests: {
      price: 0.15,
      per: 1e6,
      unit: 'request',
      note: 'RPC calls, fetches and alarm invocations; after 1M/month',
    },
    doDurationGbS: {
      price: 12.5,
      per: 1e6,
      unit: 'GB-s',
      note: '128 MB per active object; after 400,000 GB-s/month',
    },
    sqliteRowsRead: { price: 0.001, per: 1e6, unit: 'row', note: 'after 25B/month included' },
    sqliteRowsWritten: {
      price: 1.0,
      per: 1e6,
      unit: 'row',
      note: 'after 50M/month included; each setAlarm() is billed as one row written',
    },
    kvReads: { price: 0.5, per: 1e6, unit: 'read', note: 'after 10M/month included' },
    d1RowsRead: { price: 0.001, per: 1e6, unit: 'row', note: 'after 25B/month included' },
    d1RowsWritten: { price: 1.0, per: 1e6, unit: 'row', note: 'after 50M/month included' },
    subrequests: {
      price: 0,
      per: 1e6,
      unit: 'subrequest',
      note: 'outbound fetches are not billed separately',
    },
  },
  /** Memory billed per active Durable Object, GB. */
  doMemoryGb: 0.125,
}

/** Dollars per million messages for a per-message usage record (keys as in PRICES.items). */
export const costPerMillion = (perMessage) => {
  const lines = {}
  let total = 0
  for (const [key, { price, per }] of Object.entries(PRICES.items)) {
    const units = perMessage[key] ?? 0
    const dollars = (units * 1e6 * price) / per
    lines[key] = { unitsPerMessage: units, dollarsPerMillion: dollars }
    total += dollars
  }
  return { lines, total }
}

// Host names that always mean this machine, a private network or a cloud metadata service.
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa|intranet|lan)$/i
const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'instance-data',
  'metadata.azure.com',
])

const ipv4 = (host: string): number[] | null => {
  const parts = host.split('.')
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null
  const bytes = parts.map(Number)
  return bytes.every((b) => b <= 255) ? bytes : null
}

const privateV4 = ([a = 0, b = 0]: number[]): boolean =>
  a === 0 || // "this network"
  a === 10 ||
  a === 127 ||
  (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
  (a === 169 && b === 254) || // link-local, cloud metadata
  (a === 172 && b >= 16 && b <= 31) ||
  (a === 192 && b === 168) ||
  (a === 192 && b === 0) ||
  (a === 198 && (b === 18 || b === 19)) || // benchmarking
  a >= 224 // multicast and reserved

/** The eight 16-bit groups of an IPv6 literal (URL hostnames keep it in brackets); null if not one. */
const ipv6 = (host: string): number[] | null => {
  if (!host.startsWith('[') || !host.endsWith(']')) return null
  let text = host.slice(1, -1).toLowerCase()
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (tail?.[1]) {
    const v4 = ipv4(tail[1])
    if (!v4) return null
    text =
      text.slice(0, -tail[1].length) +
      `${(((v4[0] ?? 0) << 8) | (v4[1] ?? 0)).toString(16)}:${(((v4[2] ?? 0) << 8) | (v4[3] ?? 0)).toString(16)}`
  }
  const [head = '', rest] = text.split('::')
  const left = head ? head.split(':') : []
  const right = rest !== undefined && rest !== '' ? rest.split(':') : []
  const missing = 8 - left.length - right.length
  if (rest === undefined ? left.length !== 8 : missing < 1) return null
  const groups = [
    ...left,
    ...Array<string>(rest === undefined ? 0 : missing).fill('0'),
    ...right,
  ].map((g) => parseInt(g, 16))
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null
}

const privateV6 = (g: number[]): boolean => {
  const [a = 0] = g
  if (g.every((x, i) => (i < 7 ? x === 0 : x <= 1))) return true // :: and ::1
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) {
    // IPv4-mapped or -compatible: judge the IPv4 address inside.
    const v4 = [(g[6] ?? 0) >> 8, (g[6] ?? 0) & 255, (g[7] ?? 0) >> 8, (g[7] ?? 0) & 255]
    return privateV4(v4)
  }
  return (
    (a & 0xfe00) === 0xfc00 ||
    (a & 0xffc0) === 0xfe80 ||
    (a & 0xff00) === 0xff00 ||
    (a === 0x2001 && g[1] === 0xdb8) ||
    (a === 0x64 && g[1] === 0xff9b)
  )
}

/**
 * Whether a URL's hostname (as `new URL()` gives it: numeric IPv4 forms such as `0x7f000001` or
 * `127.1` already normalised to dotted decimal) names a public host we may send to.
 */
export const isPublicHost = (hostname: string): boolean => {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host === '' || METADATA_NAMES.has(host) || LOCAL_NAMES.test(host)) return false
  const v4 = ipv4(host)
  if (v4) return !privateV4(v4)
  if (host.startsWith('[')) {
    const v6 = ipv6(host)
    return v6 !== null && !privateV6(v6)
  }
  // A bare name without a dot is an intranet name.
  return host.includes('.')
}

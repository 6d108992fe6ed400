import dns from 'node:dns'
import net from 'node:net'

/** A webhook address that may not be called; its message is shown to the admin as it is. */
export class RefusedAddressError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RefusedAddressError'
  }
}

// Loopback, private, link-local (cloud metadata lives at 169.254.169.254), shared (CGNAT),
// benchmarking, multicast and reserved ranges: none of them is a front end on the internet.
const internal = new net.BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  internal.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  internal.addSubnet(network, prefix, 'ipv6')
}

/** Whether an IP address is loopback, private, link-local or otherwise not on the internet. */
export function isInternalAddress(address: string): boolean {
  const family = net.isIP(address)
  if (family === 4) return internal.check(address, 'ipv4')
  if (family !== 6) return true
  const bytes = ipv6Bytes(address)
  if (!bytes) return true
  const zero = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0)
  const ipv4At = (offset: number) => bytes.slice(offset, offset + 4).join('.')
  const at = (offset: number) => (bytes[offset]! << 8) | bytes[offset + 1]!
  // Forms that carry an IPv4 address reach that host, so it is the one judged:
  // IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96 (:: and ::1 included), SIIT
  // ::ffff:0:0:0/96, NAT64 64:ff9b::/96 and 6to4 2002::/16 (the IPv4 address in bits 16–48).
  if (zero(0, 10) && at(10) === 0xffff) return internal.check(ipv4At(12), 'ipv4')
  if (zero(0, 12)) return internal.check(ipv4At(12), 'ipv4')
  if (zero(0, 8) && at(8) === 0xffff && zero(10, 12)) return internal.check(ipv4At(12), 'ipv4')
  if (at(0) === 0x64 && at(2) === 0xff9b && zero(4, 12)) {
    return internal.check(ipv4At(12), 'ipv4')
  }
  if (at(0) === 0x2002) return internal.check(ipv4At(2), 'ipv4')
  // Teredo (2001::/32) and local-use NAT64 (64:ff9b:1::/48) lead to hosts that cannot be
  // judged from the address: none is a webhook receiver.
  if (at(0) === 0x2001 && at(2) === 0) return true
  if (at(0) === 0x64 && at(2) === 0xff9b && at(4) === 1) return true
  return internal.check(address, 'ipv6')
}

/** The 16 bytes of a valid IPv6 address (any spelling: `::`, a dotted IPv4 tail, a zone). */
function ipv6Bytes(address: string): number[] | null {
  let text = address.toLowerCase().replace(/%.*$/, '')
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.split('::') as [string, string | undefined]
  const groups = (part: string | undefined) => (part ? part.split(':') : [])
  const left = groups(head)
  const right = groups(tail)
  const missing = 8 - left.length - right.length
  if (missing < 0 || (tail === undefined && missing !== 0)) return null
  const all = [...left, ...Array<string>(missing).fill('0'), ...right].map((group) =>
    parseInt(group, 16),
  )
  if (all.some((group) => !Number.isInteger(group) || group < 0 || group > 0xffff)) return null
  return all.flatMap((group) => [group >> 8, group & 255])
}

/** The checks every webhook URL passes before it is saved and before each delivery. */
export function parseWebhookUrl(raw: unknown): URL {
  if (typeof raw !== 'string' || !raw.trim()) {
    throw new RefusedAddressError('Give the address that should receive the webhook.')
  }
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new RefusedAddressError(
      `"${raw}" is not a web address: it should look like https://example.org/hook.`,
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RefusedAddressError('A webhook address must start with https:// (or http://).')
  }
  if (url.username || url.password) {
    throw new RefusedAddressError(
      'Put no user name or password in the address: the receiver checks the signature instead.',
    )
  }
  return url
}

type LookupAddress = { address: string; family: number }

function resolveAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dns.lookup(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  )
}

const refusal = (hostname: string, address: string) =>
  new RefusedAddressError(
    `${hostname} is a private or local address (${address}): webhooks only go to public addresses. ` +
      'Set WEBHOOK_ALLOW_PRIVATE=true to allow a receiver on your own network.',
  )

/**
 * Resolves the URL's host and refuses it when any of its addresses is internal, unless
 * private addresses are allowed. A host that cannot be found is refused too.
 */
export async function checkDestination(url: URL, allowPrivate: boolean): Promise<void> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '')
  if (allowPrivate) return
  if (net.isIP(hostname)) {
    if (isInternalAddress(hostname)) throw refusal(hostname, hostname)
    return
  }
  let addresses: LookupAddress[]
  try {
    addresses = await resolveAll(hostname)
  } catch {
    throw new RefusedAddressError(`${hostname} could not be found: check the address.`)
  }
  const internalOne = addresses.find(({ address }) => isInternalAddress(address))
  if (internalOne) throw refusal(hostname, internalOne.address)
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/**
 * A `lookup` for http.request that checks the addresses it is about to connect to, so a host
 * whose DNS changes between the check and the connection (DNS rebinding) is still refused.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      const internalOne = allowPrivate
        ? undefined
        : addresses.find(({ address }) => isInternalAddress(address))
      if (internalOne) return callback(refusal(hostname, internalOne.address), [])
      if (options.all) return callback(null, addresses)
      const first = addresses[0]
      if (!first) return callback(new Error(`${hostname} has no address`), [])
      callback(null, first.address, first.family)
    })
  }
}

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
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1, or NAT64's 64:ff9b::7f00:1) reaches
  // the IPv4 host: judge that.
  const embedded = embeddedIPv4(address)
  if (embedded) return internal.check(embedded, 'ipv4')
  return internal.check(address, 'ipv6')
}

function embeddedIPv4(address: string): string | null {
  const lower = address.toLowerCase()
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower)
  if (dotted) return dotted[1]!
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower)
  if (!hex) return null
  const high = parseInt(hex[1]!, 16)
  const low = parseInt(hex[2]!, 16)
  return [high >> 8, high & 255, low >> 8, low & 255].join('.')
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

/**
 * The header the Express server sets to the client's address (as Express worked it out,
 * behind TRUST_PROXY), replacing any value a client sent. Payload only sees a web Request.
 */
export const CLIENT_IP_HEADER = 'x-stopsim-client-ip'

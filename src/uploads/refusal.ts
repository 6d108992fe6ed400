import { APIError } from 'payload'

/** An upload refused for a reason its sender can act on: the message is shown to them. */
export const uploadRefusal = (message: string, status: number) =>
  new APIError(message, status, undefined, true)

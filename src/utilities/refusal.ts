/**
 * Why a read was refused, shared by a REST endpoint and its GraphQL query, so both answer
 * with the same status and message.
 */
export type Refusal = { refused: { status: number; message: string } }

export const refusal = (status: number, message: string): Refusal => ({
  refused: { status, message },
})

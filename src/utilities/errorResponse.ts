export type FieldError = { field: string; message: string }

/** A refusal in Payload's own error shape, so clients read every 4xx the same way. */
export const errorResponse = (status: number, message: string, fieldErrors?: FieldError[]) =>
  Response.json(
    { errors: [{ message, ...(fieldErrors ? { data: { errors: fieldErrors } } : {}) }] },
    { status },
  )
